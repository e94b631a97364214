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

/** One audit event of a plan, as recordEvents writes it. */
export interface PlanEventDraft {
  plan: { id: number; currency: string };
  type: string;
  change?: { from?: PlanStatus | null; to?: PlanStatus | null; amount?: number | null };
}

/**
 * Appends to plans' audit trails in one INSERT; events are never updated or deleted. Each is published
 * as a domain event once the transaction commits (metrics count money moved from it).
 */
export async function recordEvents(manager: EntityManager, actor: Actor, events: PlanEventDraft[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ plan, type, change = {} }) => ({
    planId: plan.id, type, fromStatus: change.from ?? null, toStatus: change.to ?? null, amount: change.amount ?? null,
    apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  }));
  await insertRows(manager, PlanEvent, rows);
  events.forEach(({ plan, type }, k) => recordDomainEvent(manager, {
    kind: 'PLAN_EVENT', type, currency: plan.currency, from: rows[k].fromStatus, to: rows[k].toStatus, amount: rows[k].amount,
  }));
}

/** Appends one event to a plan's audit trail. */
export const recordEvent = (
  manager: EntityManager, actor: Actor, plan: { id: number; currency: string }, type: string,
  change: PlanEventDraft['change'] = {},
): Promise<void> => recordEvents(manager, actor, [{ plan, type, change }]);
