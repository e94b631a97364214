import type { Plan, Refund, Repayment } from '../../entities';
import { buildSchedule, type IsoDate, type LedgerEvent, payoffQuote, type ScheduleRow } from '../engine';

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
  events.sort((a, b) => a.e.date.localeCompare(b.e.date) || a.seq - b.seq);
  return events.map((x) => x.e);
}

/** What the engine replays a captured plan from: its schedule and its money events. */
export const ledgerArgs = (plan: Plan, repayments: readonly Repayment[], refunds: readonly Refund[]) => ({
  schedule: scheduleOf(plan), captured: plan.principal, aprBps: plan.aprBps, captureDate: plan.capturedOn!,
  events: ledgerEvents(repayments, refunds),
});

/** What settles a captured plan on `asOf` (0 before capture): the engine's quote over its money events. */
export function payoffQuoteOf(plan: Plan, repayments: readonly Repayment[], refunds: readonly Refund[], asOf: IsoDate): number {
  if (!plan.capturedOn) return 0;
  return payoffQuote({ ...ledgerArgs(plan, repayments, refunds), asOf });
}
