import { EntityManager } from 'typeorm';
import { PlanEvent } from '../../../entities';
import { insertRows } from '../../db/raw-writes';

export interface Actor {
  apiKeyId: number | null;
  requestId: string | null;
  now: Date;
}

/** Appends to a plan's audit trail; events are never updated or deleted. */
export async function recordEvent(
  manager: EntityManager, actor: Actor, planId: number, type: string,
  change: { from?: string | null; to?: string | null; amount?: number | null } = {},
): Promise<void> {
  await insertRows(manager, PlanEvent, [{
    planId, type, fromStatus: change.from ?? null, toStatus: change.to ?? null, amount: change.amount ?? null,
    apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  }]);
}
