import { daysBetween, toYmd } from './dates';
import { show } from './engine-error';
import { applyPayments, outstandingBalance, type InstallmentState, type InstallmentTerms } from './installment-state';
import { reAdvanceTerms, refundTerms } from './installment-terms';
import { InterestWalk, type MoneyMove, walkThrough } from './interest';
import { LedgerError } from './ledger-error';
import { type Contribution, PaidPool } from './paid-pool';
import { settledStatus } from './plan-state';
import { assertRateBps } from './rates';
import type { IsoDate, Minor } from './types';

/** A money movement on a captured plan. A reversed repayment is simply not passed in. */
export type LedgerEvent =
  | { type: 'REPAYMENT'; id: string; amount: number; date: IsoDate }
  | {
    type: 'REFUND'; id: string; amount: number; date: IsoDate;
    /**
     * Cash this refund handed back to the shopper when it was recorded (refunds.creditReturned),
     * replayed as it happened and never recomputed: that cash left the lender, whatever a later
     * reversal does to the payments it came from. 0 (or absent) for a refund being recorded: the
     * replay's `credit` says what it has to return.
     */
    creditReturned?: number;
  };

/** Where part of one repayment went. */
export interface Allocation {
  eventId: string;
  sequence: number;
  principal: Minor;
  interest: Minor;
}

/**
 * A plan's money state. Conservation of every cent: paid + reAdvanced = Σ amountPaid + credit +
 * returned (what came in, plus the cash lent again, is on an installment, held for the shopper, or was
 * handed back), and each repayment's allocations sum to its amount; balance = Σ (amountDue − amountPaid).
 */
export interface PlanLedger {
  installments: InstallmentState[];
  /** Where each repayment went when it was made. */
  allocations: Allocation[];
  /**
   * Where each repayment's money sits now, over the final terms (after refunds, with the interest
   * actually charged): per
   * installment these sum to its amountPaid; what is not attributed was returned as credit.
   */
  attribution: Allocation[];
  balance: Minor;
  /** Every standing repayment. */
  paid: Minor;
  refunded: Minor;
  /** Cash the refunds handed back to the shopper (their creditReturned). */
  returned: Minor;
  /**
   * Of `returned`, what no standing repayment funds any more (a payment it came from was reversed):
   * lent to the shopper again, owed as principal on the installments (reAdvanceTerms).
   */
  reAdvanced: Minor;
  /** Paid beyond what the plan now asks for and not handed back yet: owed to the shopper. */
  credit: Minor;
  /** Nothing left to pay and not fully refunded. */
  paidOff: boolean;
  /** Everything captured has been refunded and nothing is owed: the plan ends REFUNDED. */
  fullyRefunded: boolean;
}

interface ReplayArgs {
  /** The plan's schedule (buildSchedule's rows, or any with the same fields). */
  schedule: readonly { sequence: number; dueDate: IsoDate; amount: number; principal: number; interest: number }[];
  captured: number;
  aprBps: number;
  captureDate: IsoDate;
  events: LedgerEvent[];
}

function initialTerms({ schedule, captured, captureDate, aprBps }: ReplayArgs): InstallmentTerms[] {
  assertRateBps(aprBps, 'aprBps');
  toYmd(captureDate, 'captureDate');
  if (!Array.isArray(schedule) || schedule.length === 0) throw new LedgerError('INVALID_SCHEDULE', 'schedule must have at least one row');
  let principal = 0;
  const terms = schedule.map((row) => {
    if (![row.principal, row.interest].every((x) => Number.isSafeInteger(x) && x >= 0) || row.amount !== row.principal + row.interest) {
      throw new LedgerError('INVALID_SCHEDULE', `schedule row ${show(row.sequence)} must have amount = principal + interest, all non-negative integers`);
    }
    toYmd(row.dueDate, `schedule row ${show(row.sequence)} dueDate`);
    principal += row.principal;
    return { sequence: row.sequence, dueDate: row.dueDate, principal: row.principal, interest: row.interest };
  });
  // The schedule is built on what was captured; a mismatch means the caller mixed two plans' figures.
  if (principal !== captured) throw new LedgerError('INVALID_SCHEDULE', `schedule principal ${principal} differs from captured ${show(captured)}`);
  return terms;
}

function checkEvent(event: LedgerEvent, captureDate: IsoDate): void {
  if (!Number.isSafeInteger(event.amount) || event.amount <= 0) {
    throw new LedgerError('INVALID_AMOUNT', `${event.type} ${show(event.id)} amount must be a positive integer of minor units, got ${show(event.amount)}`);
  }
  const returned = event.type === 'REFUND' ? event.creditReturned ?? 0 : 0;
  if (!Number.isSafeInteger(returned) || returned < 0) {
    throw new LedgerError('INVALID_AMOUNT', `REFUND ${show(event.id)} creditReturned must be a non-negative integer of minor units, got ${show(returned)}`);
  }
  toYmd(event.date, `${event.type} ${show(event.id)} date`);
  if (daysBetween(captureDate, event.date) < 0) {
    throw new LedgerError('INVALID_DATE', `${event.type} ${show(event.id)} on ${event.date} is before the capture on ${captureDate}`);
  }
}

/** How much of [from, to) lies in [low, high). */
const overlap = (from: number, to: number, low: number, high: number): number => Math.max(0, Math.min(to, high) - Math.max(from, low));

/**
 * The split of `paid` -> `paid + amount` over the terms, installment by installment: applyPayments'
 * waterfall (each installment's interest, then its principal, oldest first) laid end to end, and the
 * part of it this payment covers. The same as diffing applyPayments at both totals, without building
 * every installment's state twice per payment.
 */
function allocate(terms: readonly InstallmentTerms[], eventId: string, paid: number, amount: number): Allocation[] {
  const to = paid + amount;
  const slice: Allocation[] = [];
  let poured = 0; // what the installments before this one, and this one's interest, take of the waterfall
  for (const row of terms) {
    if (poured >= to) break;
    const interest = overlap(paid, to, poured, poured + row.interest);
    poured += row.interest;
    const principal = overlap(paid, to, poured, poured + row.principal);
    poured += row.principal;
    if (principal + interest > 0) slice.push({ eventId, sequence: row.sequence, principal: principal as Minor, interest: interest as Minor });
  }
  return slice;
}

/** Pours what each repayment still has on the installments, in order, over the final terms: each gets the slice of the waterfall it paid. */
function attribute(terms: readonly InstallmentTerms[], contributions: readonly Contribution[]): Allocation[] {
  let paid = 0;
  return contributions.flatMap(({ eventId, amount }) => {
    const slice = allocate(terms, eventId, paid, amount);
    paid += amount;
    return slice;
  });
}

/**
 * Where a replay stands after some events: the terms after their refunds, the money moves in order,
 * the interest walk that has taken them, the money on the installments.
 */
interface Folded {
  terms: InstallmentTerms[];
  refunded: number;
  returned: number;
  moves: MoneyMove[];
  walk: InterestWalk;
  pool: PaidPool;
}

/** What a replay does around each repayment: before it is taken (on its day), and once the walk has taken it. */
interface RepaymentHooks {
  before(folded: Readonly<Folded>, event: LedgerEvent, day: number): void;
  after?(folded: Readonly<Folded>, event: LedgerEvent): void;
}

/** Money dated before money the walk already took would rewrite what was charged: the caller sorts by date. */
function checkInOrder(folded: Readonly<Folded>, date: IsoDate, day: number): void {
  if (day < folded.walk.lastMoveDay) throw new LedgerError('INVALID_DATE', `money moves must come in date order, ${date} came late`);
}

function takeMove(folded: Folded, move: MoneyMove, day: number): void {
  folded.walk.move(day, move.amount);
  folded.moves.push(move);
}

/**
 * Folds the events, checked, in order. A refund cuts the terms (the walk starts again over the moves
 * so far, since every day's principal changed) and, if it handed cash back, that cash is a move out of
 * the plan at the refund's place in the history: the walk takes it from what was paid beyond the new
 * total and the pool from the latest money paid. Replayed without a payment that bounced, the same
 * cash may be more than was there: it was lent again, and the shopper owes it. A repayment is one more
 * move the walk takes where it stands: the timeline is walked once, not once per payment.
 */
function foldEvents(args: ReplayArgs, events: readonly LedgerEvent[], hooks?: RepaymentHooks): Folded {
  const { captured, captureDate, aprBps } = args;
  const terms = initialTerms(args);
  const folded: Folded = { terms, refunded: 0, returned: 0, moves: [], walk: new InterestWalk(terms, aprBps, captureDate), pool: new PaidPool() };
  for (const event of events) {
    checkEvent(event, captureDate);
    const day = daysBetween(captureDate, event.date);
    if (event.type === 'REFUND') {
      if (event.amount > captured - folded.refunded) {
        throw new LedgerError('REFUND_EXCEEDS_CAPTURED', `refund ${show(event.id)} of ${event.amount} exceeds the ${captured - folded.refunded} captured and not yet refunded`);
      }
      folded.terms = refundTerms(folded.terms, event.amount, aprBps);
      folded.walk = walkThrough(folded.terms, folded.moves, aprBps, captureDate);
      folded.refunded += event.amount;
      const returned = event.creditReturned ?? 0;
      if (returned > 0) {
        checkInOrder(folded, event.date, day);
        folded.returned += returned;
        takeMove(folded, { amount: -returned, date: event.date }, day);
        folded.pool.returnCash(returned);
      }
      continue;
    }
    checkInOrder(folded, event.date, day);
    hooks?.before(folded, event, day);
    takeMove(folded, { amount: event.amount, date: event.date }, day);
    hooks?.after?.(folded, event);
    folded.pool.pay(event.id, event.amount);
  }
  return folded;
}

/** What the installments ask: the interest charged on the principal actually owed, plus any cash lent again. */
const owedTerms = (args: ReplayArgs, { walk, pool }: Readonly<Folded>): InstallmentTerms[] =>
  reAdvanceTerms(walk.chargedTerms(), args.schedule, pool.reAdvanced);

/** A repayment may not be more than what settles the plan on its day, nor come when nothing is owed. */
function checkRepayment(walk: InterestWalk, event: LedgerEvent, day: number): void {
  const quote = walk.settlementOn(day);
  if (quote === 0) throw new LedgerError('PLAN_SETTLED', `repayment ${show(event.id)}: the plan owes nothing`);
  if (event.amount > quote) {
    throw new LedgerError('OVERPAYMENT', `repayment ${show(event.id)} of ${event.amount} exceeds the payoff amount ${quote} on ${event.date}`);
  }
}

/**
 * Replays a captured plan from its schedule and its money events, in the order given (the caller sorts
 * by date, then creation). State is derived, never stored, so reversing a repayment is exact: leave it
 * out and everything after it is re-allocated. The one thing a replay never recomputes is the cash a
 * refund handed back: it left the lender, so it stays a move out of the plan at the refund, and a
 * reversal that removes the payment it came from leaves the shopper owing it (docs/money.md, "Refunds
 * and reversals in either order"). Each repayment must not exceed the payoff quote on its day; the
 * interest charged is the InterestWalk's. A repayment, or cash handed back, dated before a move
 * already taken is refused (INVALID_DATE).
 */
export function replayLedger(args: ReplayArgs): PlanLedger {
  const { captured, events } = args;
  const allocations: Allocation[] = [];
  const folded = foldEvents(args, events, {
    before: ({ walk }, event, day) => checkRepayment(walk, event, day),
    // The pool does not hold this payment yet: it is allocated on top of what was there.
    after(state, event) {
      allocations.push(...allocate(owedTerms(args, state), event.id, state.pool.amount, event.amount));
    },
  });
  const { refunded, returned, pool } = folded;
  const terms = owedTerms(args, folded);
  const installments = applyPayments(terms, pool.amount);
  const attribution = attribute(terms, pool.contributions);
  const totalDue = installments.reduce((sum, r) => sum + r.amountDue, 0);
  const credit = Math.max(0, pool.amount - totalDue);
  const balance = outstandingBalance(installments);
  const paid = events.reduce((sum, e) => sum + (e.type === 'REPAYMENT' ? e.amount : 0), 0);
  // Cash lent again after a full refund is still owed: the plan is not REFUNDED until it is repaid.
  const settled = balance === 0 ? settledStatus({ captured, refunded }) : null;
  return {
    installments, allocations, attribution, balance, paid: paid as Minor, refunded: refunded as Minor, returned: returned as Minor,
    reAdvanced: pool.reAdvanced as Minor, credit: credit as Minor,
    paidOff: settled === 'PAID_OFF', fullyRefunded: settled === 'REFUNDED',
  };
}

/** Days from the capture to `date` (named `name`), refused (INVALID_DATE) before the capture. */
function dayAfterCapture(captureDate: IsoDate, date: IsoDate, name: string): number {
  toYmd(date, name);
  const day = daysBetween(captureDate, date);
  if (day < 0) throw new LedgerError('INVALID_DATE', `payoff ${name} ${show(date)} is before the capture date ${show(captureDate)}`);
  return day;
}

/** ISO dates compare as strings. */
const effectiveBy = (events: readonly LedgerEvent[], date: IsoDate): LedgerEvent[] => events.filter((e) => e.date <= date);

/**
 * The most a repayment effective on `date` (recorded after every event of that day) may be: what
 * settles the plan that day over the events effective by then, the bound the replay checks it
 * against (more is OVERPAYMENT). Events dated later do not lower it; payoffQuote counts them.
 */
export function largestRepayment(args: ReplayArgs & { date: IsoDate }): Minor {
  const day = dayAfterCapture(args.captureDate, args.date, 'date');
  return foldEvents(args, effectiveBy(args.events, args.date)).walk.settlementOn(day) as Minor;
}

/**
 * What settles the plan on `asOf` (docs/money.md, "The payoff quote"): the least repayment effective
 * that day, recorded after every event so far, that leaves nothing owed once every event is applied
 * in effective-date order, those dated later included; 0 when nothing is owed. With no event after
 * `asOf` that is one walk: every principal still owed plus the interest of past periods and the
 * interest accrued to date, at APR/365 per day in the current period, on the principal actually
 * owed, less what was paid. When no repayment that day settles the plan exactly, the quote is refused
 * with the refusal that repayment meets: AMOUNT_EXCEEDS_BALANCE (more than the plan takes that day,
 * or it leaves money held), OVERPAYMENT or PLAN_SETTLED (a later repayment would pay a settled plan).
 */
export function payoffQuote(args: ReplayArgs & { asOf: IsoDate }): Minor {
  const { asOf } = args;
  const day = dayAfterCapture(args.captureDate, asOf, 'asOf');
  const upTo = effectiveBy(args.events, asOf);
  const settlement = foldEvents(args, upTo).walk.settlementOn(day);
  return (upTo.length === args.events.length ? settlement : settlingRepayment(args, upTo, asOf, settlement)) as Minor;
}

/** What a repayment leaves once every event is applied: still owed (negative: held for the shopper), or its refusal. */
type Outcome = { owed: number } | { refused: LedgerError };

/**
 * The least repayment on `asOf` that settles the plan, its later events applied (settlingRepayment).
 * A repayment of x leaves owed(x) = kept + returned − paid − x + interest(x), and paying more never
 * raises the interest charged: each cent paid lowers what is owed by a cent or more, and a later
 * repayment's room shrinks with it. So the amounts that settle the plan or are refused are all those
 * from some least one on, and two bounds find it in a few replays: from an amount leaving o owed,
 * the least one is at most o more; from one leaving c held, at least c less. Bisection when neither
 * says anything new.
 */
function settlingRepayment(args: ReplayArgs, upTo: LedgerEvent[], asOf: IsoDate, ceiling: number): number {
  const later = args.events.filter((e) => e.date > asOf);
  const outcome = (amount: number): Outcome => {
    // The services refuse more than the plan takes that day before replaying: so does the quote.
    if (amount > ceiling) return { refused: new LedgerError('AMOUNT_EXCEEDS_BALANCE', `a repayment of ${amount} on ${asOf} exceeds the payoff amount ${ceiling} that day`) };
    const payment: LedgerEvent = { type: 'REPAYMENT', id: 'payoff quote', amount, date: asOf };
    try {
      const folded = foldEvents(args, amount === 0 ? args.events : [...upTo, payment, ...later], {
        before: ({ walk }, event, day) => { if (event !== payment) checkRepayment(walk, event, day); },
      });
      return { owed: owedTerms(args, folded).reduce((sum, row) => sum + row.principal + row.interest, 0) - folded.pool.amount };
    } catch (error) {
      if (error instanceof LedgerError) return { refused: error };
      throw error;
    }
  };
  const none = outcome(0);
  if ('refused' in none) throw none.refused;
  if (none.owed <= 0) return 0;
  // lo leaves owedLo owed; hi is the least amount known to settle the plan or be refused, atHi how.
  let [lo, owedLo] = [0, none.owed];
  let [hi, atHi] = [ceiling + 1, outcome(ceiling + 1)];
  let triedCeiling = false;
  while (hi - lo > 1) {
    let guess = lo + Math.floor((hi - lo) / 2);
    if ('owed' in atHi && hi + atHi.owed > lo) guess = hi + atHi.owed;
    else if (lo + owedLo < hi) guess = lo + owedLo;
    else if (!triedCeiling) [guess, triedCeiling] = [hi - 1, true];
    const at = outcome(guess);
    if ('owed' in at && at.owed === 0) return guess; // a cent less leaves at least a cent owed
    if ('owed' in at && at.owed > 0) [lo, owedLo] = [guess, at.owed];
    else [hi, atHi] = [guess, at];
  }
  if ('refused' in atHi) throw atHi.refused;
  throw new LedgerError('AMOUNT_EXCEEDS_BALANCE', `no repayment on ${asOf} settles the plan: ${lo} leaves ${owedLo} owed, ${hi} leaves ${-atHi.owed} held`);
}
