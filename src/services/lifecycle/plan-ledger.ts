import { EntityManager } from 'typeorm';
import { Installment, Plan, Refund, Repayment, RepaymentAllocation } from '../../../entities';
import { buildSchedule, LedgerEvent, PlanLedger, ProgramKind, replayLedger, ScheduleRow } from '../../engine';

export const scheduleOf = (plan: Plan): ScheduleRow[] =>
  buildSchedule({ kind: plan.kind as ProgramKind, termCount: plan.termCount, aprBps: plan.aprBps, principal: plan.principal }, plan.capturedOn!);

/** Money events in the order they took effect: by effective date, then in the order they were recorded. */
function ledgerEvents(repayments: Repayment[], refunds: Refund[]): LedgerEvent[] {
  const events = [
    ...repayments.filter((r) => r.status === 'SUCCEEDED').map((r) => ({ seq: r.ledgerSequence, e: { type: 'REPAYMENT' as const, id: `R${r.id}`, amount: r.amount, date: r.effectiveDate } })),
    ...refunds.map((r) => ({ seq: r.ledgerSequence, e: { type: 'REFUND' as const, id: `F${r.id}`, amount: r.amount, date: r.effectiveDate } })),
  ];
  events.sort((a, b) => a.e.date.localeCompare(b.e.date) || a.seq - b.seq);
  return events.map((x) => x.e);
}

/**
 * Recomputes a captured plan's installments and allocations from its schedule and money events
 * (the engine replays them) and writes the result. Replaying makes a reversal exact: the reversed
 * payment is left out and every later payment is re-allocated as if it never happened.
 */
export async function rebuildLedger(manager: EntityManager, plan: Plan): Promise<PlanLedger> {
  const [repayments, refunds, installments] = await Promise.all([
    manager.getRepository(Repayment).find({ where: { planId: plan.id }, order: { id: 'ASC' } }),
    manager.getRepository(Refund).find({ where: { planId: plan.id }, order: { id: 'ASC' } }),
    manager.getRepository(Installment).find({ where: { planId: plan.id }, order: { sequence: 'ASC' } }),
  ]);
  const ledger = replayLedger({
    schedule: scheduleOf(plan), captured: plan.principal, aprBps: plan.aprBps, captureDate: plan.capturedOn!,
    events: ledgerEvents(repayments, refunds),
  });
  const bySequence = new Map(installments.map((row) => [row.sequence, row]));
  const saved = await manager.getRepository(Installment).save(ledger.installments.map((state) => ({
    ...(bySequence.get(state.sequence) ?? {}), planId: plan.id, ...state,
  })));
  const idOfSequence = new Map(saved.map((row) => [row.sequence, row.id]));
  const allocations = manager.getRepository(RepaymentAllocation);
  await allocations.delete({ planId: plan.id });
  const rows = ledger.attribution.map((a) => ({
    planId: plan.id, repaymentId: Number(a.eventId.slice(1)), installmentId: idOfSequence.get(a.sequence)!,
    sequence: a.sequence, principal: a.principal, interest: a.interest,
  }));
  if (rows.length > 0) await allocations.insert(rows);
  return ledger;
}

/** The next position in a plan's money history; the caller holds the plan's lock. */
export async function nextLedgerSequence(manager: EntityManager, planId: number): Promise<number> {
  const [repayments, refunds] = await Promise.all([
    manager.getRepository(Repayment).countBy({ planId }),
    manager.getRepository(Refund).countBy({ planId }),
  ]);
  return repayments + refunds + 1;
}
