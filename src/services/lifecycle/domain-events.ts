import type { Database } from '../../db/data-source';
import type { Repositories } from '../../db/repositories';

/** A plan's audit event as it was appended, with the plan's currency so amounts can be summed per currency. */
export interface PlanEventRecorded {
  kind: 'PLAN_EVENT';
  type: string;
  currency: string;
  /** The plan's merchant and partner: a status change moves one plan between the merchant's status counters. */
  merchantId: number;
  partnerId: number;
  from: string | null;
  to: string | null;
  amount: number | null;
}

/** An application was decided (approved with offers, or declined with a reason code). */
export interface ApplicationDecided {
  kind: 'APPLICATION_DECIDED';
  approved: boolean;
  reason: string | null;
}

export type DomainEvent = PlanEventRecorded | ApplicationDecided;

export interface DomainEventListener {
  /**
   * The events of one committed transaction, in the order they were recorded. Must not throw: the
   * transaction has committed, and its caller must still get its result.
   */
  committed(events: readonly DomainEvent[]): void;
  /** A mutation answered from its idempotency record instead of running again. */
  replayed?(operation: string): void;
}

/**
 * Facts about the lifecycle published only AFTER their transaction commits: a rolled-back,
 * refused or retried attempt publishes nothing, so whoever listens (metrics today, a webhook outbox
 * later) never sees money that did not move. Events wait on a per-transaction list keyed by the
 * transaction's repositories; listeners are per Database, so several gateways in one process
 * never hear each other.
 */
const pending = new WeakMap<Repositories, DomainEvent[]>();
const listeners = new WeakMap<Database, DomainEventListener[]>();

export function subscribeDomainEvents(db: Database, listener: DomainEventListener): void {
  listeners.set(db, [...(listeners.get(db) ?? []), listener]);
}

/** Called inside a transaction; repositories outside writeTransaction (nothing to commit them) are ignored. */
export function recordDomainEvent(tx: Repositories, event: DomainEvent): void {
  pending.get(tx)?.push(event);
}

/** Wraps one attempt of a transaction's work so what it records can be published once it commits. */
export function collectingEvents<T>(events: DomainEvent[], work: (tx: Repositories) => Promise<T>) {
  return (tx: Repositories): Promise<T> => {
    pending.set(tx, events);
    return work(tx);
  };
}

export function publishCommitted(db: Database, events: readonly DomainEvent[]): void {
  if (events.length === 0) return;
  for (const listener of listeners.get(db) ?? []) listener.committed(events);
}

export function publishReplay(db: Database, operation: string): void {
  for (const listener of listeners.get(db) ?? []) listener.replayed?.(operation);
}
