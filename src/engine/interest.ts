import { daysBetween } from './dates';
import type { InstallmentTerms } from './installment-state';
import { LedgerError } from './ledger-error';
import { roundHalfUp } from './rounding';
import type { IsoDate, Minor } from './types';

/** A successful repayment as the interest model sees it: how much, and the day it took effect. */
export interface Repaid {
  amount: Minor;
  date: IsoDate;
}

/**
 * Day weights in twelfths of a day. Interest accrues at APR/365 on each day's closing principal
 * (weight 12/12), except that the last day of a period carries what makes the period count exactly
 * 365/12 days: a 28-day period's last day weighs 3 5/12 days, a 31-day period's 5/12. So a period that
 * runs to its due date on a constant balance earns exactly the schedule's APR/12, a period cut short by
 * a payoff earns exactly APR/365 per day (CONTRACT.md's payoff formula), and the charge is one linear,
 * continuous formula of the principal path: paying more, or earlier, can only lower it.
 */
const DAY_WEIGHT = 12n;
const PERIOD_WEIGHT = 365n; // twelfths of a day in 365/12 days
/** bps · twelfths of a day -> minor units: 100 (percent) · 100 (bps) · 365 (days) · 12 (twelfths). */
const DENOMINATOR = 43_800_000n;

/** Where a walk over the plan's days stands. */
interface Walk {
  /** Interest charged per period: closed periods in full, the current one to date, later ones 0. */
  interest: Minor[];
  /** Principal still owed. */
  principal: Minor;
  /** Interest paid so far. */
  interestPaid: Minor;
}

/** Repayments merged per day, as day offsets from the capture date. */
function paymentDays(repayments: readonly Repaid[], captureDate: IsoDate): { day: number; amount: Minor }[] {
  const days: { day: number; amount: Minor }[] = [];
  for (const { amount, date } of repayments) {
    const day = daysBetween(captureDate, date);
    const last = days[days.length - 1];
    if (last && last.day > day) throw new LedgerError('INVALID_DATE', `repayments must come in date order, ${date} came late`);
    if (last && last.day === day) last.amount += amount;
    else days.push({ day, amount });
  }
  return days;
}

/**
 * Follows the plan day by day as of `asOfDay` (its payments included, its own accrual not): each
 * period accrues on the principal owed at the end of each day, and each payment pays the interest
 * charged so far and not yet paid (past periods', then the current period's to date), the rest
 * reducing principal. A period's charge
 * is its weighted accrual rounded half-up once, never more than the schedule's interest for it. Causal:
 * what a day is charged depends only on what was paid before, so there is exactly one answer.
 */
function walk(terms: readonly InstallmentTerms[], repayments: readonly Repaid[], aprBps: number, captureDate: IsoDate, asOfDay = Infinity): Walk {
  const bps = BigInt(aprBps);
  const payments = paymentDays(repayments, captureDate);
  const state: Walk = { interest: terms.map(() => 0), principal: terms.reduce((sum, row) => sum + row.principal, 0), interestPaid: 0 };
  let closed = 0; // interest of closed periods
  let next = 0; // next payment to apply
  const charge = (k: number, weighted: bigint): Minor => Math.min(terms[k].interest, Number(roundHalfUp(weighted * bps, DENOMINATOR)));
  const applyPayment = (amount: Minor, chargedToDate: Minor): void => {
    const toInterest = Math.min(amount, chargedToDate - state.interestPaid);
    state.interestPaid += toInterest;
    state.principal -= Math.min(state.principal, amount - toInterest); // beyond that: credit (the ledger sees it in the totals)
  };
  let start = 0;
  for (let k = 0; k < terms.length && start <= asOfDay; k++) {
    const end = daysBetween(captureDate, terms[k].dueDate);
    const stop = Math.min(end, asOfDay);
    let weighted = 0n;
    let cursor = start;
    while (next < payments.length && payments[next].day < end && payments[next].day <= asOfDay) {
      const { day, amount } = payments[next++];
      weighted += DAY_WEIGHT * BigInt(state.principal) * BigInt(day - cursor);
      cursor = day;
      applyPayment(amount, closed + charge(k, weighted));
    }
    weighted += DAY_WEIGHT * BigInt(state.principal) * BigInt(Math.max(0, stop - cursor));
    // The last day makes up (or gives back) what makes the period 365/12 days; a cut-short period has none.
    if (stop === end && end > start) weighted += (PERIOD_WEIGHT - DAY_WEIGHT * BigInt(end - start)) * BigInt(state.principal);
    state.interest[k] = end > start ? charge(k, weighted) : 0;
    if (stop === end) closed += state.interest[k];
    start = Math.max(start, end);
  }
  // After the last due date nothing accrues; later payments pay what is still charged, then principal.
  for (; next < payments.length && payments[next].day <= asOfDay; next++) applyPayment(payments[next].amount, closed);
  return state;
}

/**
 * The terms with the interest actually charged, after every repayment given and with none after the
 * last: the schedule's interest (after refunds) where the principal was owed as scheduled, less where
 * it was paid down early, never more (being late costs nothing beyond the schedule).
 */
export function chargedTerms(args: { terms: readonly InstallmentTerms[]; repayments: readonly Repaid[]; aprBps: number; captureDate: IsoDate }): InstallmentTerms[] {
  const { terms, repayments, aprBps, captureDate } = args;
  const { interest } = walk(terms, repayments, aprBps, captureDate);
  return terms.map((row, k) => ({ ...row, interest: interest[k] }));
}

/**
 * What settles the plan on `asOf`, given its terms after refunds and the repayments made by then:
 * the principal still owed plus the interest charged to date and not yet paid — the interest of the
 * periods that ended by `asOf` and the current period's accrued at APR/365 per day up to `asOf`, all
 * on the principal actually owed. 0 once nothing is owed. Paying exactly this on `asOf` settles the
 * plan: the days before `asOf` are charged the same whatever is paid on it.
 */
export function settlementAmount(args: { terms: readonly InstallmentTerms[]; repayments: readonly Repaid[]; aprBps: number; captureDate: IsoDate; asOf: IsoDate }): Minor {
  const { terms, repayments, aprBps, captureDate, asOf } = args;
  const state = walk(terms, repayments, aprBps, captureDate, daysBetween(captureDate, asOf));
  const charged = state.interest.reduce((sum, x) => sum + x, 0);
  return state.principal + charged - state.interestPaid;
}
