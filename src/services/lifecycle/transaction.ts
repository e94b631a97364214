import type { Database } from '../../db/data-source';
import type { Repositories } from '../../db/repositories';
import { inTransaction, TransactionOptions } from '../../db/transaction';
import { collectingEvents, DomainEvent, publishCommitted } from './domain-events';

/**
 * One use case = one transaction (src/db/transaction.ts: serialized on SQLite, retried on MySQL
 * lock conflicts within the request's deadline). What the work records as domain events is published
 * once it has committed; a retried or rolled-back attempt's events are dropped.
 */
export async function writeTransaction<T>(db: Database, work: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  let events: DomainEvent[] = [];
  const result = await inTransaction(db, (tx) => {
    events = [];
    return collectingEvents(events, work)(tx);
  }, options);
  publishCommitted(db, events);
  return result;
}
