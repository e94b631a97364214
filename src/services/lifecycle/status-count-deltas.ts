import type { StatusCountDelta } from '../../db/repositories/plan-status-count.repository';
import type { PlanStatus } from '../../engine';
import type { DomainEvent } from './domain-events';

/**
 * A transaction's status changes folded into net counter deltas per (merchant, status): `from` -1,
 * `to` +1, so A -> B -> A within one transaction nets to nothing and is not written. Events without
 * a status change (money events) contribute nothing: a repayment that changes no status writes no
 * counter.
 */
export function statusCountDeltas(events: readonly DomainEvent[]): StatusCountDelta[] {
  const deltas = new Map<string, StatusCountDelta>();
  const add = (merchantId: number, partnerId: number, status: PlanStatus, plans: number) => {
    const key = `${merchantId}|${status}`;
    const delta = deltas.get(key);
    if (delta) delta.plans += plans;
    else deltas.set(key, { merchantId, partnerId, status, plans });
  };
  for (const event of events) {
    if (event.kind !== 'PLAN_EVENT' || event.from === event.to) continue;
    if (event.from !== null) add(event.merchantId, event.partnerId, event.from as PlanStatus, -1);
    if (event.to !== null) add(event.merchantId, event.partnerId, event.to as PlanStatus, +1);
  }
  return [...deltas.values()].filter((delta) => delta.plans !== 0);
}
