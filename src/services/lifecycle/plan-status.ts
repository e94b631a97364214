import { EntityManager } from 'typeorm';
import { Plan } from '../../../entities';
import { assertTransition, daysPastDue, PlanLedger, PlanStatus, servicingStatus } from '../../engine';
import { updateById } from '../../db/raw-writes';
import { Actor, recordEvent } from './plan-events';

/** Writes what commands and the sweep change on a plan in one UPDATE, bumping its version (no re-read). */
export async function savePlan(manager: EntityManager, plan: Plan, now: Date): Promise<void> {
  plan.updatedAt = now;
  await updateById(manager, Plan, plan.id, {
    status: plan.status, principal: plan.principal, refundedAmount: plan.refundedAmount, merchantFee: plan.merchantFee,
    capturedOn: plan.capturedOn, disclosedAprBps: plan.disclosedAprBps, updatedAt: plan.updatedAt,
  }, { bumpVersion: true });
  plan.version += 1;
}

/**
 * Moves a plan to a new status through the engine's transition table, with an audit event carrying
 * the money the transition moved, if any (the captured amount).
 */
export async function transition(
  manager: EntityManager, actor: Actor, plan: Plan, to: PlanStatus, type: string, amount: number | null = null,
): Promise<void> {
  const from = plan.status as PlanStatus;
  if (from === to) return;
  assertTransition(from, to);
  plan.status = to;
  await recordEvent(manager, actor, plan, type, { from, to, amount });
}

/** After money moved: PAID_OFF, REFUNDED, DELINQUENT or ACTIVE as the ledger and the clock say. */
export async function settleStatus(manager: EntityManager, actor: Actor, plan: Plan, ledger: PlanLedger, today: string): Promise<void> {
  const next = servicingStatus({ current: plan.status as PlanStatus, ledger, daysPastDue: daysPastDue(ledger.installments, today) });
  await transition(manager, actor, plan, next, 'STATUS_CHANGED');
}
