import { EntityManager } from 'typeorm';
import { Plan } from '../../../entities';
import { assertTransition, daysPastDue, PlanLedger, PlanStatus, servicingStatus } from '../../engine';
import { Actor, recordEvent } from './plan-events';

/** Moves a plan to a new status through the engine's transition table, with an audit event. */
export async function transition(manager: EntityManager, actor: Actor, plan: Plan, to: PlanStatus, type: string): Promise<void> {
  const from = plan.status as PlanStatus;
  if (from === to) return;
  assertTransition(from, to);
  plan.status = to;
  await recordEvent(manager, actor, plan.id, type, { from, to });
}

/** After money moved: PAID_OFF, REFUNDED, DELINQUENT or ACTIVE as the ledger and the clock say. */
export async function settleStatus(manager: EntityManager, actor: Actor, plan: Plan, ledger: PlanLedger, today: string): Promise<void> {
  const next = servicingStatus({ current: plan.status as PlanStatus, ledger, daysPastDue: daysPastDue(ledger.installments, today) });
  await transition(manager, actor, plan, next, 'STATUS_CHANGED');
}
