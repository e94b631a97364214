import type { Plan, Refund, Repayment } from '../../entities';
import { asMinor, buildSchedule, type IsoDate, largestRepayment, type LedgerEvent, LedgerError, type Minor, payoffQuote, type ScheduleRow } from '../engine';

export const scheduleOf = (plan: Plan): ScheduleRow[] =>
  buildSchedule({ kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps, principal: plan.principal }, plan.capturedOn!);

/**
 * Money events in the order they took effect: by effective date, then in the order they were recorded.
 * A refund carries the cash it handed back as recorded: the replay keeps it at the refund's place
 * instead of recomputing it, so a later reversal cannot make cash already returned disappear.
 */
function ledgerEvents(repayments: readonly Repayment[], refunds: readonly Refund[]): LedgerEvent[] {
  const events = [
    ...repayments.filter((r) => r.status === 'SUCCEEDED').map((r) => ({ seq: r.ledgerSequence, e: { type: 'REPAYMENT' as const, id: `R${r.id}`, amount: r.amount, date: r.effectiveDate } })),
    ...refunds.map((r) => ({
      seq: r.ledgerSequence, e: { type: 'REFUND' as const, id: `F${r.id}`, amount: r.amount, date: r.effectiveDate, creditReturned: r.creditReturned },
    })),
  ];
  // ISO dates order as strings, by code unit: no locale collation.
  events.sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.seq - b.seq));
  return events.map((x) => x.e);
}

/** What the engine replays a captured plan from: its schedule and its money events. */
export const ledgerArgs = (plan: Plan, repayments: readonly Repayment[], refunds: readonly Refund[]) => ({
  schedule: scheduleOf(plan), captured: plan.principal, aprBps: plan.aprBps, captureDate: plan.capturedOn!,
  events: ledgerEvents(repayments, refunds),
});

/** The codes recordRepayment answers a payment with that no payoff quote may hide (docs/money.md, "The payoff quote"). */
const UNPAYABLE = ['AMOUNT_EXCEEDS_BALANCE', 'OVERPAYMENT', 'PLAN_SETTLED'] as const;
export type UnpayableCode = (typeof UNPAYABLE)[number];

const isUnpayable = (error: unknown): error is LedgerError & { code: UnpayableCode } =>
  error instanceof LedgerError && (UNPAYABLE as readonly string[]).includes(error.code);

/** Why no payment on a date settles the plan, written for partners (the engine's messages name internal ids). */
const UNPAYABLE_MESSAGES: Record<UnpayableCode, (asOf: IsoDate) => string> = {
  AMOUNT_EXCEEDS_BALANCE: (asOf) => `No payment effective ${asOf} settles the plan: with the refunds and repayments dated after it, the payment that would is more than the plan took on that date, and recordRepayment refuses it (AMOUNT_EXCEEDS_BALANCE). Quote a later date`,
  OVERPAYMENT: (asOf) => `No payment effective ${asOf} settles the plan: the payment that would leaves a repayment dated after it more than the plan then owes, and recordRepayment refuses it (OVERPAYMENT). Quote a later date`,
  PLAN_SETTLED: (asOf) => `No payment effective ${asOf} settles the plan: the payment that would leaves a repayment dated after it nothing to pay, and recordRepayment refuses it (PLAN_SETTLED). Quote a later date`,
};

/**
 * What settles a captured plan on `asOf` (0 before capture): the engine's quote over its money events,
 * those dated after `asOf` included. Refused, with the code recordRepayment answers that payment,
 * when no payment effective that day settles the plan.
 */
export function payoffQuoteOf(
  plan: Plan, repayments: readonly Repayment[], refunds: readonly Refund[], asOf: IsoDate,
): { amount: Minor } | { refused: { code: UnpayableCode; message: string } } {
  if (!plan.capturedOn) return { amount: asMinor(0) };
  try {
    return { amount: payoffQuote({ ...ledgerArgs(plan, repayments, refunds), asOf }) };
  } catch (error) {
    if (!isUnpayable(error)) throw error;
    return { refused: { code: error.code, message: UNPAYABLE_MESSAGES[error.code](asOf) } };
  }
}

/** The most a repayment effective on `date` may be (recordRepayment refuses more): the engine's bound over the events effective by then. */
export function largestRepaymentOf(plan: Plan, repayments: readonly Repayment[], refunds: readonly Refund[], date: IsoDate): Minor {
  return largestRepayment({ ...ledgerArgs(plan, repayments, refunds), date });
}
