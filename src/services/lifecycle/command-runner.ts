import type { Database } from '../../db/data-source';
import type { RequestDeadline } from '../../db/deadline';
import { isDuplicateKey } from '../../db/faults';
import type { Repositories } from '../../db/repositories';
import type { StatusCountDelta } from '../../db/repositories/plan-status-count.repository';
import { inTransaction, type TransactionOptions } from '../../db/transaction';
import type { ApplicationStatus, CurrencyCode, Minor, PlanStatus } from '../../engine';
import { answerKey, claimKey, type IdempotentCall, keyRefusal, previousUse, requestHash } from './idempotency';
import { PlanWriters } from './plan-writers';
import { MutationRefused, type UserErrorValue } from './user-error';

/** Who acts and when: every event row says it. */
export interface Actor {
  apiKeyId: number | null;
  requestId: string | null;
  now: Date;
}

/** What an event needs of its plan: its id, its currency (amounts), its merchant and partner (status counters, a partner's feed). */
export interface EventPlan { id: number; currency: CurrencyCode; merchantId: number; partnerId: number }

/** What an event needs of its application: its id, its merchant and partner. */
export interface EventApplication { id: number; merchantId: number; partnerId: number }

export type PlanEventType =
  | 'AUTHORIZED' | 'AUTHORIZATION_RELEASED' | 'AUTHORIZATION_EXPIRED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED'
  | 'REPAYMENT_RECORDED' | 'RECOVERY_RECORDED' | 'REPAYMENT_REVERSED' | 'REOPENED' | 'STATUS_CHANGED' | 'CHARGED_OFF';

/** What a plan event changed: its status (from, to) and the money it moved, if any. */
export interface PlanChange { from?: PlanStatus | null; to?: PlanStatus | null; amount?: Minor | null }

/** An event of a plan's audit trail (plan_events). */
export interface PlanEventRecorded {
  kind: 'PLAN_EVENT';
  actor: Actor;
  plan: EventPlan;
  type: PlanEventType;
  from: PlanStatus | null;
  to: PlanStatus | null;
  amount: Minor | null;
}

/** An application moved after its decision (application_events). */
export interface ApplicationMoved {
  kind: 'APPLICATION_MOVED';
  actor: Actor;
  application: EventApplication;
  type: 'ACCEPTED' | 'EXPIRED' | 'CANCELLED';
  from: ApplicationStatus;
  to: ApplicationStatus;
}

/** An application was decided (approved with offers, or declined with a reason code); its row says so, no event row. */
export interface ApplicationDecided {
  kind: 'APPLICATION_DECIDED';
  actor: Actor;
  application: EventApplication;
  approved: boolean;
  reason: string | null;
}

export type DomainEvent = PlanEventRecorded | ApplicationMoved | ApplicationDecided;

/**
 * What one unit of work records, written in its transaction just before COMMIT (writeEvents) and
 * published once it has committed. Recording after the work (a use case holding on to it) throws:
 * an event is never dropped silently.
 */
export class UnitOfWorkEvents {
  private readonly recorded: DomainEvent[] = [];
  private open = true;

  /** Appends an event to a plan's audit trail; a status change also moves the plan between its merchant's counters. */
  plan(actor: Actor, plan: EventPlan, type: PlanEventType, change: PlanChange = {}): void {
    this.record({ kind: 'PLAN_EVENT', actor, plan, type, from: change.from ?? null, to: change.to ?? null, amount: change.amount ?? null });
  }

  application(actor: Actor, application: EventApplication, type: ApplicationMoved['type'], from: ApplicationStatus, to: ApplicationStatus): void {
    this.record({ kind: 'APPLICATION_MOVED', actor, application, type, from, to });
  }

  decided(actor: Actor, application: EventApplication, approved: boolean, reason: string | null): void {
    this.record({ kind: 'APPLICATION_DECIDED', actor, application, approved, reason });
  }

  /** What was recorded, in order; nothing may be recorded after. */
  close(): readonly DomainEvent[] {
    this.open = false;
    return this.recorded;
  }

  private record(event: DomainEvent): void {
    if (!this.open) throw new Error(`A ${event.kind} event was recorded after its unit of work ended; record events inside the work`);
    this.recorded.push(event);
  }
}

/** What a use case that writes is handed: repositories bound to its transaction, and the events it records. */
export class UnitOfWork {
  readonly events = new UnitOfWorkEvents();

  constructor(readonly tx: Repositories) {}
}

/** What a mutation returns: the ids of what it touched, or the userErrors that refused it. */
export type Outcome<T> = { result: T; userErrors: UserErrorValue[] };

const refused = <T>(userErrors: UserErrorValue[]): Outcome<T> => ({ result: null as T, userErrors });

export interface CommandCall extends IdempotentCall {
  /**
   * The plan whose writer lane the command waits in (plan-writers.ts): only a plan the caller is
   * known to see (commands.ts), never an id a client merely sent; null: no lane.
   */
  lane: number | null;
  /** The request's deadline: bounds the wait for the lane, lock retries and the transaction. */
  deadline?: RequestDeadline;
}

export interface CommandListener {
  /**
   * The events of one committed unit of work, in the order they were recorded. Must not throw: the
   * transaction has committed, and its caller must still get its result.
   */
  committed(events: readonly DomainEvent[]): void;
  /** A mutation answered from its idempotency record instead of running again. */
  replayed?(operation: string): void;
}

/**
 * The one way a use case writes. `command` is a mutation run exactly once: it waits
 * for its plan's writer lane, then runs one unit of work whose first statement inserts the
 * idempotency record and whose last ones write what the work recorded (writeEvents); a used key
 * replays, a key reused with another input is refused. `unitOfWork` is the transaction alone, for
 * work without a key (maintenance, the seed). Listeners (metrics) hear the events of what committed,
 * after COMMIT: a refused, rolled-back or retried attempt publishes nothing.
 */
export class CommandRunner {
  private readonly lanes: PlanWriters;
  private readonly listeners: CommandListener[] = [];

  constructor(readonly db: Database, options: { planWriteQueue?: number } = {}) {
    this.lanes = new PlanWriters(options.planWriteQueue);
  }

  subscribe(listener: CommandListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs `work` in one transaction (src/db/transaction.ts: serialized on SQLite, retried on MySQL
   * lock conflicts within the deadline, each attempt with a fresh unit of work), writes what it
   * recorded before COMMIT, and publishes it once committed.
   */
  async unitOfWork<T>(work: (uow: UnitOfWork) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    let events: readonly DomainEvent[] = [];
    const result = await inTransaction(this.db, async (tx) => {
      const uow = new UnitOfWork(tx);
      try {
        const value = await work(uow);
        events = uow.events.close();
        await writeEvents(tx, events);
        return value;
      } finally {
        uow.events.close();
      }
    }, options);
    if (events.length > 0) for (const listener of this.listeners) listener.committed(events);
    return result;
  }

  /** A mutation exactly once per (API key, idempotency key), in its plan's lane; refusals are userErrors. */
  command<T>(call: CommandCall, work: (uow: UnitOfWork) => Promise<T>): Promise<Outcome<T>> {
    return this.lanes.run(call.lane, () => this.once(call, work), call.deadline);
  }

  /** A change without a key (naturally idempotent: retiring twice retires once); refusals are userErrors. */
  async change<T>(work: (uow: UnitOfWork) => Promise<T>, deadline?: RequestDeadline): Promise<Outcome<T>> {
    try {
      return { result: await this.unitOfWork(work, { retrySafe: true, deadline }), userErrors: [] };
    } catch (error) {
      if (error instanceof MutationRefused) return refused(error.userErrors);
      throw error;
    }
  }

  /**
   * The record is inserted FIRST in the mutation's own transaction: a retry fails on the unique index
   * and replays the stored result, and a concurrent duplicate blocks on that index until the first
   * commits, then does the same. A refused mutation rolls back with its record, so the client may
   * correct the input and retry with the same key.
   */
  private async once<T>(call: CommandCall, work: (uow: UnitOfWork) => Promise<T>): Promise<Outcome<T>> {
    const invalidKey = keyRefusal(call.idempotencyKey);
    if (invalidKey) return refused([invalidKey]);
    const hash = requestHash(call.operation, call.input);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const result = await this.unitOfWork(async (uow) => {
          const recordId = await claimKey(uow.tx, call, hash);
          const value = await work(uow);
          await answerKey(uow.tx, recordId, value);
          return value;
        }, { retrySafe: true, deadline: call.deadline });
        return { result, userErrors: [] };
      } catch (error) {
        if (error instanceof MutationRefused) return refused(error.userErrors);
        if (!isDuplicateKey(error)) throw error;
      }
      // The key is taken, perhaps by a duplicate that ran concurrently and has committed.
      const previous = await previousUse<T>(this.db, call, hash);
      if (previous === null) continue;
      if ('reused' in previous) return refused([previous.reused]);
      for (const listener of this.listeners) listener.replayed?.(call.operation);
      return { result: previous.replay, userErrors: [] };
    }
    return refused([{ code: 'CONFLICT', field: ['input', 'idempotencyKey'], message: 'A request with this idempotencyKey is still in progress; retry shortly' }]);
  }
}

/**
 * What a unit of work recorded, written last in its transaction: plan events in one INSERT,
 * application events, then the plan status counters. The counters go last, in (merchantId, status)
 * order (PlanStatusCountRepository.add): after every plan lock the work took, in one global order,
 * so they add no deadlock. A transaction's events are where the webhooks outbox rows will be
 * written from (#27), before the counters.
 */
async function writeEvents(tx: Repositories, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const planEvents: PlanEventRecorded[] = [];
  for (const event of events) {
    if (event.kind === 'PLAN_EVENT') planEvents.push(event);
    else if (event.kind === 'APPLICATION_MOVED') {
      const { application, type, from, to, actor } = event;
      await tx.applications.recordEvent({
        applicationId: application.id, type, fromStatus: from, toStatus: to, apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
      });
    }
  }
  await tx.plans.recordEvents(planEvents.map(({ plan, type, from, to, amount, actor }) => ({
    planId: plan.id, type, fromStatus: from, toStatus: to, amount, apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  })));
  await tx.planCounts.add(statusCountDeltas(planEvents));
}

/**
 * Status changes folded into net counter deltas per (merchant, status): `from` -1, `to` +1, so
 * A -> B -> A within one transaction nets to nothing and is not written. Events without a status
 * change (money events) contribute nothing: a repayment that changes no status writes no counter.
 */
function statusCountDeltas(events: readonly PlanEventRecorded[]): StatusCountDelta[] {
  const deltas = new Map<string, StatusCountDelta>();
  const add = (plan: EventPlan, status: PlanStatus, plans: number) => {
    const key = `${plan.merchantId}|${status}`;
    const delta = deltas.get(key);
    if (delta) delta.plans += plans;
    else deltas.set(key, { merchantId: plan.merchantId, partnerId: plan.partnerId, status, plans });
  };
  for (const { plan, from, to } of events) {
    if (from === to) continue;
    if (from !== null) add(plan, from, -1);
    if (to !== null) add(plan, to, +1);
  }
  return [...deltas.values()].filter((delta) => delta.plans !== 0);
}
