import { EntityManager } from 'typeorm';
import { PlanEvent } from '../../../entities';
import type { PlanStatus } from '../../engine';
import { insertRows } from '../../db/raw-writes';
import { recordDomainEvent } from './domain-events';

export interface Actor {
  apiKeyId: number | null;
  requestId: string | null;
  now: Date;
}

/**
 * Appends to a plan's audit trail; events are never updated or deleted. The same event is published
 * as a domain event once the transaction commits (metrics count money moved from it).
 */
export async function recordEvent(
  manager: EntityManager, actor: Actor, plan: { id: number; currency: string }, type: string,
  change: { from?: PlanStatus | null; to?: PlanStatus | null; amount?: number | null } = {},
): Promise<void> {
  const from = change.from ?? null;
  const to = change.to ?? null;
  const amount = change.amount ?? null;
  await insertRows(manager, PlanEvent, [{
    planId: plan.id, type, fromStatus: from, toStatus: to, amount, apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  }]);
  recordDomainEvent(manager, { kind: 'PLAN_EVENT', type, currency: plan.currency, from, to, amount });
}
