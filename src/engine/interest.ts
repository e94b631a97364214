import { daysBetween } from './dates';
import { EngineError } from './engine-error';
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
/**
 * The charged interest is the least fixpoint (see chargedTerms); each sweep raises at least one charge
 * by a cent, and in practice two or three sweeps suffice. More than this is a bug.
 */
const MAX_ROUNDS = 2_000;

export class InterestError extends EngineError<'NO_FIXPOINT'> {}

/** Principal paid when `total` is poured over the terms oldest first, interest before principal. */
function principalPaid(terms: readonly InstallmentTerms[], interest: readonly Minor[], total: Minor): Minor {
  let left = total;
  let paid = 0;
  for (let k = 0; k < terms.length && left > 0; k++) {
    left -= Math.min(left, interest[k]);
    const principal = Math.min(left, terms[k].principal);
    left -= principal;
    paid += principal;
  }
  return paid;
}

interface Timeline {
  /** Day offsets from the capture date of each period's end (the due date, exclusive). */
  ends: number[];
  /** Day offsets where the repayments take effect, ascending, with the cumulative amount paid by then. */
  days: number[];
  cumulative: Minor[];
  /** First day on which the principal is forced to 0 (the payoff being quoted); Infinity if none. */
  settledFrom: number;
}

function timelineOf(terms: readonly InstallmentTerms[], repayments: readonly Repaid[], captureDate: IsoDate, settledOn?: IsoDate): Timeline {
  const days: number[] = [];
  const cumulative: Minor[] = [];
  let total = 0;
  for (const { amount, date } of repayments) {
    const day = daysBetween(captureDate, date);
    total += amount;
    if (days.length > 0 && days[days.length - 1] === day) cumulative[cumulative.length - 1] = total;
    else if (days.length > 0 && days[days.length - 1] > day) throw new LedgerError('INVALID_DATE', `repayments must come in date order, ${date} came late`);
    else { days.push(day); cumulative.push(total); }
  }
  const ends = terms.map((row) => daysBetween(captureDate, row.dueDate));
  return { ends, days, cumulative, settledFrom: settledOn === undefined ? Infinity : daysBetween(captureDate, settledOn) };
}

/**
 * One sweep over the periods, oldest first, updating each period's charge in place from the charges
 * as they stand (Gauss-Seidel: a period sees the charges just fixed before it, so a history where
 * each payment reaches only installments already due settles in one sweep). Each charge is
 * min(scheduled, weighted accrual on the principal path), rounded half-up once over the exact sum.
 * Returns whether anything changed.
 */
function sweep(terms: readonly InstallmentTerms[], interest: Minor[], line: Timeline, bps: bigint): boolean {
  const principal = terms.reduce((sum, row) => sum + row.principal, 0);
  // B is piecewise constant: segment j runs from starts[j]; its balance follows the current charges.
  const starts = [0, ...line.days];
  const owedIn = (j: number): bigint => BigInt(j === 0 ? principal : principal - principalPaid(terms, interest, line.cumulative[j - 1]));
  let changed = false;
  let from = 0;
  terms.forEach((row, k) => {
    const to = line.ends[k];
    const start = from;
    from = to;
    if (row.interest === 0 || to <= start) return;
    const end = Math.min(to, line.settledFrom);
    let weighted = 0n;
    for (let j = 0; j < starts.length; j++) {
      const a = Math.max(start, starts[j]);
      const b = Math.min(end, j + 1 < starts.length ? starts[j + 1] : end);
      if (b <= a) continue;
      const owed = owedIn(j);
      weighted += DAY_WEIGHT * owed * BigInt(b - a);
      // The period's last day makes up (or gives back) what makes the period 365/12 days.
      if (b === to) weighted += (PERIOD_WEIGHT - DAY_WEIGHT * BigInt(to - start)) * owed;
    }
    const charge = Math.min(row.interest, Number(roundHalfUp(weighted * bps, DENOMINATOR)));
    if (charge !== interest[k]) { interest[k] = charge; changed = true; }
  });
  return changed;
}

/**
 * The terms with the interest actually charged: the schedule's (after refunds) where the principal
 * stayed as scheduled, less where it was paid down early, never more (being late costs nothing extra).
 * `settledOn` quotes a payoff: the principal is taken as 0 from that day on.
 *
 * The charges depend on the principal path and the path on the charges (a prepayment reaching a later
 * installment pays its interest before its principal), so they are a fixpoint. The map is monotone,
 * so iterating from zero interest climbs to the LEAST fixpoint: the one that a payment of exactly the
 * payoff quote settles (a greater one can exist on long high-APR plans, where money parked on future
 * interest keeps enough principal owed to earn that interest).
 */
export function chargedTerms(args: {
  terms: readonly InstallmentTerms[]; repayments: readonly Repaid[]; aprBps: number; captureDate: IsoDate; settledOn?: IsoDate;
}): InstallmentTerms[] {
  const { terms, repayments, aprBps, captureDate, settledOn } = args;
  if (aprBps === 0 || terms.every((row) => row.interest === 0)) return terms.map((row) => ({ ...row }));
  const line = timelineOf(terms, repayments, captureDate, settledOn);
  const bps = BigInt(aprBps);
  const interest: Minor[] = terms.map(() => 0);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!sweep(terms, interest, line, bps)) return terms.map((row, k) => ({ ...row, interest: interest[k] }));
  }
  throw new InterestError('NO_FIXPOINT', `interest did not settle within ${MAX_ROUNDS} rounds`);
}
