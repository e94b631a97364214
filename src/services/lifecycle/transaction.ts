import type { Database } from '../../db/data-source';
import type { Repositories } from '../../db/repositories';
import { inTransaction, TransactionOptions } from '../../db/transaction';
import { collectingEvents, DomainEvent, publishCommitted } from './domain-events';
import { statusCountDeltas } from './status-count-deltas';

/**
 * One use case = one transaction (src/db/transaction.ts: serialized on SQLite, retried on MySQL
 * lock conflicts within the request's deadline). The plan status changes the work recorded are
 * added to the merchants' status counters last, just before COMMIT, in (merchantId, status) order:
 * after every plan lock the work took, in one global order, so counters add no deadlock (and they go
 * with a retried or rolled-back attempt). What the work recorded as domain events is published once
 * it has committed; a retried or rolled-back attempt's events are dropped.
 */
export async function writeTransaction<T>(db: Database, work: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  let events: DomainEvent[] = [];
  const result = await inTransaction(db, async (tx) => {
    events = [];
    const done = await collectingEvents(events, work)(tx);
    await tx.planCounts.add(statusCountDeltas(events));
    return done;
  }, options);
  publishCommitted(db, events);
  return result;
}
