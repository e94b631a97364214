import { daysBetween, toYmd } from './dates';
import { show } from './engine-error';
import { applyPayments, type InstallmentState, type InstallmentTerms } from './installment-state';
import { refundTerms } from './installment-terms';
import { chargedTerms, settlementAmount, type Repaid } from './interest';
import { LedgerError } from './ledger-error';
import { assertRateBps } from './rates';
import type { IsoDate, Minor, ScheduleRow } from './types';

/** A money movement on a captured plan. A reversed repayment is simply not passed in. */
export type LedgerEvent =
  | { type: 'REPAYMENT'; id: string; amount: Minor; date: IsoDate }
  | { type: 'REFUND'; id: string; amount: Minor; date: IsoDate };

/** Where part of one repayment went. */
export interface Allocation {
  eventId: string;
  sequence: number;
  principal: Minor;
  interest: Minor;
}

/**
 * A plan's money state. Conservation: paid = Σ amountPaid + credit, and each repayment's allocations
 * sum to its amount; balance = Σ (amountDue − amountPaid).
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
  paid: Minor;
  refunded: Minor;
  /** Paid beyond what the plan now asks for (after refunds): owed back to the shopper. */
  credit: Minor;
  /** Nothing left to pay and not fully refunded. */
  paidOff: boolean;
  /** Everything captured has been refunded. */
  fullyRefunded: boolean;
}

interface ReplayArgs {
  schedule: ScheduleRow[];
  captured: Minor;
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
  toYmd(event.date, `${event.type} ${show(event.id)} date`);
  if (daysBetween(captureDate, event.date) < 0) {
    throw new LedgerError('INVALID_DATE', `${event.type} ${show(event.id)} on ${event.date} is before the capture on ${captureDate}`);
  }
}

const outstanding = (rows: InstallmentState[]): Minor => rows.reduce((sum, r) => sum + r.amountDue - r.amountPaid, 0);

/** The split of `paid` -> `paid + amount` over the terms, installment by installment. */
function allocate(terms: readonly InstallmentTerms[], eventId: string, paid: Minor, amount: Minor): Allocation[] {
  const from = applyPayments(terms, paid);
  return applyPayments(terms, paid + amount).flatMap((row, k) => {
    const principal = row.principalPaid - from[k].principalPaid;
    const interest = row.interestPaid - from[k].interestPaid;
    return principal + interest > 0 ? [{ eventId, sequence: row.sequence, principal, interest }] : [];
  });
}

/** Pours the repayments, in order, over the final terms: each gets the slice of the waterfall it paid. */
function attribute(terms: readonly InstallmentTerms[], repayments: readonly LedgerEvent[]): Allocation[] {
  let paid = 0;
  return repayments.flatMap((repayment) => {
    const slice = allocate(terms, repayment.id, paid, repayment.amount);
    paid += repayment.amount;
    return slice;
  });
}

/** The schedule's terms after the refunds among `events`, and the repayments, checked and in order. */
function foldEvents(args: ReplayArgs, events: readonly LedgerEvent[], onRepayment?: (terms: InstallmentTerms[], repayments: Repaid[], event: LedgerEvent) => void) {
  const { captured, captureDate } = args;
  let terms = initialTerms(args);
  let refunded = 0;
  const repayments: Repaid[] = [];
  for (const event of events) {
    checkEvent(event, captureDate);
    if (event.type === 'REFUND') {
      if (event.amount > captured - refunded) {
        throw new LedgerError('REFUND_EXCEEDS_CAPTURED', `refund ${show(event.id)} of ${event.amount} exceeds the ${captured - refunded} captured and not yet refunded`);
      }
      terms = refundTerms(terms, event.amount, args.aprBps);
      refunded += event.amount;
      continue;
    }
    onRepayment?.(terms, repayments, event);
    repayments.push({ amount: event.amount, date: event.date });
  }
  return { terms, refunded, repayments };
}

/**
 * Replays a captured plan from its schedule and its money events, in the order given (the caller sorts
 * by date, then creation). State is derived, never stored, so reversing a repayment is exact: leave it
 * out and everything after it is re-allocated. Each repayment must not exceed the payoff quote on its
 * day; the interest charged is chargedTerms' (docs/money.md).
 */
export function replayLedger(args: ReplayArgs): PlanLedger {
  const { captured, aprBps, captureDate, events } = args;
  const allocations: Allocation[] = [];
  let paid = 0;
  const { terms: refundedTerms, refunded, repayments } = foldEvents(args, events, (terms, before, event) => {
    const quote = settlementAmount({ terms, repayments: before, aprBps, captureDate, asOf: event.date });
    if (quote === 0) throw new LedgerError('PLAN_SETTLED', `repayment ${show(event.id)}: the plan owes nothing`);
    if (event.amount > quote) {
      throw new LedgerError('OVERPAYMENT', `repayment ${show(event.id)} of ${event.amount} exceeds the payoff amount ${quote} on ${event.date}`);
    }
    const charged = chargedTerms({ terms, repayments: [...before, { amount: event.amount, date: event.date }], aprBps, captureDate });
    allocations.push(...allocate(charged, event.id, paid, event.amount));
    paid += event.amount;
  });
  const terms = chargedTerms({ terms: refundedTerms, repayments, aprBps, captureDate });
  const installments = applyPayments(terms, paid);
  const attribution = attribute(terms, events.filter((e) => e.type === 'REPAYMENT'));
  const totalDue = installments.reduce((sum, r) => sum + r.amountDue, 0);
  const credit = Math.max(0, paid - totalDue);
  const balance = outstanding(installments);
  const fullyRefunded = refunded === captured;
  return { installments, allocations, attribution, balance, paid, refunded, credit, paidOff: balance === 0 && !fullyRefunded, fullyRefunded };
}

/**
 * What settles the plan on `asOf` (docs/money.md): its events up to that day replayed, then every
 * principal still owed plus the interest of past periods and the interest accrued to date, at
 * APR/365 per day in the current period, on the principal actually owed; less what was paid.
 */
export function payoffQuote(args: ReplayArgs & { asOf: IsoDate }): Minor {
  const { asOf, aprBps, captureDate } = args;
  toYmd(asOf, 'asOf');
  if (daysBetween(captureDate, asOf) < 0) {
    throw new LedgerError('INVALID_DATE', `payoff asOf ${show(asOf)} is before the capture date ${show(captureDate)}`);
  }
  const { terms, repayments } = foldEvents(args, args.events.filter((e) => e.date <= asOf)); // ISO dates compare as strings
  return settlementAmount({ terms, repayments, aprBps, captureDate, asOf });
}
