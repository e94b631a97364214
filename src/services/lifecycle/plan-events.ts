import type { Repositories } from '../../db/repositories';
import type { PlanStatus } from '../../engine';
import { recordDomainEvent } from './domain-events';

export interface Actor {
  apiKeyId: number | null;
  requestId: string | null;
  now: Date;
}

/** What an event needs of its plan: its id, its currency (amounts), its merchant and partner (status counters). */
export interface EventPlan { id: number; currency: string; merchantId: number; partnerId: number }

/** One audit event of a plan, as recordEvents writes it. */
export interface PlanEventDraft {
  plan: EventPlan;
  type: string;
  change?: { from?: PlanStatus | null; to?: PlanStatus | null; amount?: number | null };
}

/**
 * Appends to plans' audit trails in one INSERT; events are never updated or deleted. Each is also a
 * domain event of the transaction: writeTransaction folds the status changes into the merchants'
 * status counters before COMMIT, and publishes the events once it commits (metrics count money moved).
 */
export async function recordEvents(tx: Repositories, actor: Actor, events: PlanEventDraft[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ plan, type, change = {} }) => ({
    planId: plan.id, type, fromStatus: change.from ?? null, toStatus: change.to ?? null, amount: change.amount ?? null,
    apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  }));
  await tx.plans.recordEvents(rows);
  events.forEach(({ plan, type }, k) => recordDomainEvent(tx, {
    kind: 'PLAN_EVENT', type, currency: plan.currency, merchantId: plan.merchantId, partnerId: plan.partnerId,
    from: rows[k].fromStatus, to: rows[k].toStatus, amount: rows[k].amount,
  }));
}

/** Appends one event to a plan's audit trail. */
export const recordEvent = (
  tx: Repositories, actor: Actor, plan: EventPlan, type: string,
  change: PlanEventDraft['change'] = {},
): Promise<void> => recordEvents(tx, actor, [{ plan, type, change }]);
