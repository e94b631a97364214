import { daysBetween } from './dates';
import type { InstallmentTerms } from './installment-state';
import { LedgerError } from './ledger-error';
import { roundHalfUp } from './rounding';
import type { IsoDate, Minor } from './types';

/**
 * Money crossing the plan as the interest model sees it, on the day it took effect: a successful
 * repayment (`amount` > 0) or the cash a refund handed back to the shopper (`amount` < 0). Returned
 * cash is history, not a figure to recompute: it left the lender on that day whatever happens later.
 */
export interface MoneyMove {
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
  /** Paid beyond everything owed so far (only a refund makes room for that): held for the shopper. */
  held: Minor;
}

/**
 * The moves as day offsets from the capture date, in the order given. Not merged per day: a repayment
 * and returned cash on one day must apply in their recorded order (two repayments applied one after the
 * other land where their sum would).
 */
function moveDays(moves: readonly MoneyMove[], captureDate: IsoDate): { day: number; amount: Minor }[] {
  const days = moves.map(({ amount, date }) => ({ day: daysBetween(captureDate, date), amount }));
  days.forEach(({ day }, k) => {
    if (k > 0 && days[k - 1].day > day) throw new LedgerError('INVALID_DATE', `money moves must come in date order, ${moves[k].date} came late`);
  });
  return days;
}

/**
 * Follows the plan day by day as of `asOfDay` (its moves included, its own accrual not): each
 * period accrues on the principal owed at the end of each day, and each payment pays the interest
 * charged so far and not yet paid (past periods', then the current period's to date), the rest
 * reducing principal, anything beyond that held for the shopper. Cash a refund returned comes out of
 * what is held; what was returned beyond it (the payment that had funded it was reversed since) was
 * lent to the shopper that day: it is principal owed again, and accrues like any principal. A
 * period's charge is its weighted accrual rounded half-up once, never more than the schedule's
 * interest for it. Causal: what a day is charged depends only on the moves before, so there is
 * exactly one answer.
 */
function walk(terms: readonly InstallmentTerms[], moves: readonly MoneyMove[], aprBps: number, captureDate: IsoDate, asOfDay = Infinity): Walk {
  const bps = BigInt(aprBps);
  const timeline = moveDays(moves, captureDate);
  const state: Walk = { interest: terms.map(() => 0), principal: terms.reduce((sum, row) => sum + row.principal, 0), interestPaid: 0, held: 0 };
  let closed = 0; // interest of closed periods
  let next = 0; // next move to apply
  const charge = (k: number, weighted: bigint): Minor => Math.min(terms[k].interest, Number(roundHalfUp(weighted * bps, DENOMINATOR)));
  const pay = (amount: Minor, chargedToDate: Minor): void => {
    const toInterest = Math.min(amount, chargedToDate - state.interestPaid);
    state.interestPaid += toInterest;
    const toPrincipal = Math.min(state.principal, amount - toInterest);
    state.principal -= toPrincipal;
    state.held += amount - toInterest - toPrincipal;
  };
  const returnCash = (amount: Minor): void => {
    const fromHeld = Math.min(state.held, amount);
    state.held -= fromHeld;
    state.principal += amount - fromHeld; // lent again
  };
  const applyMove = (amount: Minor, chargedToDate: Minor): void => (amount < 0 ? returnCash(-amount) : pay(amount, chargedToDate));
  let start = 0;
  for (let k = 0; k < terms.length && start <= asOfDay; k++) {
    const end = daysBetween(captureDate, terms[k].dueDate);
    const stop = Math.min(end, asOfDay);
    let weighted = 0n;
    let cursor = start;
    while (next < timeline.length && timeline[next].day < end && timeline[next].day <= asOfDay) {
      const { day, amount } = timeline[next++];
      weighted += DAY_WEIGHT * BigInt(state.principal) * BigInt(day - cursor);
      cursor = day;
      applyMove(amount, closed + charge(k, weighted));
    }
    weighted += DAY_WEIGHT * BigInt(state.principal) * BigInt(Math.max(0, stop - cursor));
    // The last day makes up (or gives back) what makes the period 365/12 days; a cut-short period has none.
    if (stop === end && end > start) weighted += (PERIOD_WEIGHT - DAY_WEIGHT * BigInt(end - start)) * BigInt(state.principal);
    state.interest[k] = end > start ? charge(k, weighted) : 0;
    if (stop === end) closed += state.interest[k];
    start = Math.max(start, end);
  }
  // After the last due date nothing accrues; later payments pay what is still charged, then principal.
  for (; next < timeline.length && timeline[next].day <= asOfDay; next++) applyMove(timeline[next].amount, closed);
  return state;
}

/**
 * The terms with the interest actually charged, after every move given and with none after the
 * last: the schedule's interest (after refunds) where the principal was owed as scheduled, less where
 * it was paid down early, never more (being late costs nothing beyond the schedule).
 */
export function chargedTerms(args: { terms: readonly InstallmentTerms[]; moves: readonly MoneyMove[]; aprBps: number; captureDate: IsoDate }): InstallmentTerms[] {
  const { terms, moves, aprBps, captureDate } = args;
  const { interest } = walk(terms, moves, aprBps, captureDate);
  return terms.map((row, k) => ({ ...row, interest: interest[k] }));
}

/**
 * What settles the plan on `asOf`, given its terms after refunds and the moves made by then:
 * the principal still owed plus the interest charged to date and not yet paid — the interest of the
 * periods that ended by `asOf` and the current period's accrued at APR/365 per day up to `asOf`, all
 * on the principal actually owed. 0 once nothing is owed. Paying exactly this on `asOf` settles the
 * plan: the days before `asOf` are charged the same whatever is paid on it.
 */
export function settlementAmount(args: { terms: readonly InstallmentTerms[]; moves: readonly MoneyMove[]; aprBps: number; captureDate: IsoDate; asOf: IsoDate }): Minor {
  const { terms, moves, aprBps, captureDate, asOf } = args;
  const state = walk(terms, moves, aprBps, captureDate, daysBetween(captureDate, asOf));
  const charged = state.interest.reduce((sum, x) => sum + x, 0);
  return state.principal + charged - state.interestPaid;
}
