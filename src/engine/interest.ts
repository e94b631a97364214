import { daysBetween } from './dates';
import type { InstallmentTerms } from './installment-state';
import { LedgerError } from './ledger-error';
import { roundHalfUp } from './rounding';
import type { IsoDate } from './types';

/**
 * Money crossing the plan as the interest model sees it, on the day it took effect: a successful
 * repayment (`amount` > 0) or the cash a refund handed back to the shopper (`amount` < 0). Returned
 * cash is history, not a figure to recompute: it left the lender on that day whatever happens later.
 */
export interface MoneyMove {
  amount: number;
  date: IsoDate;
}

/**
 * Day weights in twelfths of a day. Interest accrues at APR/365 on each day's closing principal
 * (weight 12/12), except that the last day of a period carries what makes the period count exactly
 * 365/12 days: a 28-day period's last day weighs 3 5/12 days, a 31-day period's 5/12. So a period that
 * runs to its due date on a constant balance earns exactly the schedule's APR/12, a period cut short by
 * a payoff earns exactly APR/365 per day (the documented payoff formula, docs/money.md), and the charge is one linear,
 * continuous formula of the principal path: paying more, or earlier, can only lower it.
 */
const DAY_WEIGHT = 12n;
const PERIOD_WEIGHT = 365n; // twelfths of a day in 365/12 days
/** bps · twelfths of a day -> minor units: 100 (percent) · 100 (bps) · 365 (days) · 12 (twelfths). */
const DENOMINATOR = 43_800_000n;

/**
 * Follows the plan day by day, one money move at a time, in date order: each period accrues on the
 * principal owed at the end of each day, and each payment pays the interest charged so far and not
 * yet paid (past periods', then the current period's to date), the rest reducing principal, anything
 * beyond that held for the shopper. Cash a refund returned comes out of what is held; what was
 * returned beyond it (the payment that had funded it was reversed since) was lent to the shopper that
 * day: it is principal owed again, and accrues like any principal. A period's charge is its weighted
 * accrual rounded half-up once, never more than the schedule's interest for it. Causal: what a day is
 * charged depends only on the moves before, so there is exactly one answer, and a walk that has taken
 * some moves can take the next ones (a ledger replay walks its timeline once, not once per payment).
 */
export class InterestWalk {
  private readonly bps: bigint;
  /** Each period's end: its due date, in days after the capture. */
  private readonly ends: number[];
  /** Interest charged per closed period (later ones are 0 until closed). */
  private readonly interest: number[];
  /** The current period, its first day, the day its accrual is counted to, and that accrual. */
  private period = 0;
  private start = 0;
  private cursor = 0;
  private weighted = 0n;
  /** Interest of the closed periods. */
  private closed = 0;
  /** The day of the last move taken. */
  private lastDay = 0;
  /** Principal still owed, interest paid so far, and what was paid beyond everything owed so far. */
  private principal: number;
  private interestPaid = 0;
  private held = 0;

  constructor(private readonly terms: readonly InstallmentTerms[], aprBps: number, captureDate: IsoDate) {
    this.bps = BigInt(aprBps);
    this.ends = terms.map((row) => daysBetween(captureDate, row.dueDate));
    this.interest = terms.map(() => 0);
    this.principal = terms.reduce((sum, row) => sum + row.principal, 0);
  }

  /** The day of the last move taken: a move before it would rewrite history that was already charged. */
  get lastMoveDay(): number {
    return this.lastDay;
  }

  /** Takes a move `day` days after the capture (not before the last one): a payment, or cash handed back. */
  move(day: number, amount: number): void {
    this.lastDay = day;
    while (this.period < this.terms.length && this.ends[this.period] <= day) this.closePeriod();
    if (this.period < this.terms.length) {
      this.weighted += DAY_WEIGHT * BigInt(this.principal) * BigInt(day - this.cursor);
      this.cursor = day;
      this.apply(amount, this.closed + this.charge(this.period, this.weighted));
    } else {
      // After the last due date nothing accrues; later payments pay what is still charged, then principal.
      this.apply(amount, this.closed);
    }
  }

  /**
   * The terms with the interest charged if nothing moves after the moves taken: the periods left run
   * to their due dates on the principal owed now. The walk itself stays where it is.
   */
  chargedTerms(): InstallmentTerms[] {
    const interest = [...this.interest];
    this.lookAhead(Infinity, (period, charged) => {
      interest[period] = charged;
    });
    return this.terms.map((row, k) => ({ ...row, interest: interest[k] }));
  }

  /**
   * What settles the plan on `day` (not before the last move): the principal still owed plus the
   * interest charged to date and not yet paid — the interest of the periods that ended by then and
   * the current period's accrued at APR/365 per day up to it, all on the principal actually owed. 0
   * once nothing is owed. Paying exactly this on `day` settles the plan: the days before are charged
   * the same whatever is paid on it. The walk itself stays where it is.
   */
  settlementOn(day: number): number {
    let charged = this.closed;
    this.lookAhead(day, (_period, periodCharge) => {
      charged += periodCharge;
    });
    return this.principal + charged - this.interestPaid;
  }

  /** Closes the current period at its due date, on the principal owed now. */
  private closePeriod(): void {
    const end = this.ends[this.period];
    this.weighted += DAY_WEIGHT * BigInt(this.principal) * BigInt(Math.max(0, end - this.cursor));
    // The last day makes up (or gives back) what makes the period 365/12 days.
    if (end > this.start) this.weighted += (PERIOD_WEIGHT - DAY_WEIGHT * BigInt(end - this.start)) * BigInt(this.principal);
    this.interest[this.period] = end > this.start ? this.charge(this.period, this.weighted) : 0;
    this.closed += this.interest[this.period];
    this.start = Math.max(this.start, end);
    this.cursor = this.start;
    this.weighted = 0n;
    this.period += 1;
  }

  /**
   * Runs the periods from the current one to `asOfDay` without moving the walk, handing each one's
   * charge to `visit`: those that end by then in full, the one running then to that day (a period cut
   * short has no last-day weight), none after it.
   */
  private lookAhead(asOfDay: number, visit: (period: number, charged: number) => void): void {
    let { start, cursor, weighted } = this;
    for (let k = this.period; k < this.terms.length && start <= asOfDay; k++) {
      const end = this.ends[k];
      const stop = Math.min(end, asOfDay);
      weighted += DAY_WEIGHT * BigInt(this.principal) * BigInt(Math.max(0, stop - cursor));
      if (stop === end && end > start) weighted += (PERIOD_WEIGHT - DAY_WEIGHT * BigInt(end - start)) * BigInt(this.principal);
      visit(k, end > start ? this.charge(k, weighted) : 0);
      start = Math.max(start, end);
      cursor = start;
      weighted = 0n;
    }
  }

  private charge(period: number, weighted: bigint): number {
    return Math.min(this.terms[period].interest, Number(roundHalfUp(weighted * this.bps, DENOMINATOR)));
  }

  private apply(amount: number, chargedToDate: number): void {
    if (amount < 0) {
      const fromHeld = Math.min(this.held, -amount);
      this.held -= fromHeld;
      this.principal += -amount - fromHeld; // lent again
      return;
    }
    const toInterest = Math.min(amount, chargedToDate - this.interestPaid);
    this.interestPaid += toInterest;
    const toPrincipal = Math.min(this.principal, amount - toInterest);
    this.principal -= toPrincipal;
    this.held += amount - toInterest - toPrincipal;
  }
}

/**
 * The moves as day offsets from the capture date, in the order given. Not merged per day: a repayment
 * and returned cash on one day must apply in their recorded order (two repayments applied one after the
 * other land where their sum would).
 */
function moveDays(moves: readonly MoneyMove[], captureDate: IsoDate): { day: number; amount: number }[] {
  const days = moves.map(({ amount, date }) => ({ day: daysBetween(captureDate, date), amount }));
  days.forEach(({ day }, k) => {
    if (k > 0 && days[k - 1].day > day) throw new LedgerError('INVALID_DATE', `money moves must come in date order, ${moves[k].date} came late`);
  });
  return days;
}

/** A walk that has taken every move given, checked in date order. */
export function walkThrough(terms: readonly InstallmentTerms[], moves: readonly MoneyMove[], aprBps: number, captureDate: IsoDate): InterestWalk {
  const walk = new InterestWalk(terms, aprBps, captureDate);
  for (const { day, amount } of moveDays(moves, captureDate)) walk.move(day, amount);
  return walk;
}

/**
 * The terms with the interest actually charged, after every move given and with none after the
 * last: the schedule's interest (after refunds) where the principal was owed as scheduled, less where
 * it was paid down early, never more (being late costs nothing beyond the schedule).
 */
export function chargedTerms(args: { terms: readonly InstallmentTerms[]; moves: readonly MoneyMove[]; aprBps: number; captureDate: IsoDate }): InstallmentTerms[] {
  const { terms, moves, aprBps, captureDate } = args;
  return walkThrough(terms, moves, aprBps, captureDate).chargedTerms();
}
