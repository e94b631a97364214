import { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import { collectingEvents, DomainEvent, publishCommitted } from './domain-events';

/** MySQL/MariaDB errors that mean "try the whole transaction again": deadlock, lock wait timeout. */
const RETRYABLE_ERRNO = new Set([1213, 1205]);
export const MAX_ATTEMPTS = 5;

const errno = (error: unknown): number | undefined => {
  const e = error as { errno?: number; driverError?: { errno?: number } };
  return e.driverError?.errno ?? e.errno;
};

export const isDuplicateKey = (error: unknown): boolean => {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return errno(error) === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY';
};

/**
 * One money-moving write = one transaction. On SQLite writes are serialized (one connection); on
 * MySQL a deadlock or lock timeout is retried here with jittered backoff and never reaches the client.
 */
export async function writeTransaction<T>(db: Database, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Each attempt collects its own events: a retried or rolled-back attempt's are dropped.
      const events: DomainEvent[] = [];
      const attemptWork = collectingEvents(events, work);
      // READ COMMITTED on MySQL: row locks without gap locks, fewer deadlocks between unrelated plans.
      const result = await db.writes.run(() => (db.driver === 'mysql'
        ? db.dataSource.transaction('READ COMMITTED', attemptWork)
        : db.dataSource.transaction(attemptWork)));
      publishCommitted(db, events);
      return result;
    } catch (error) {
      const retry = RETRYABLE_ERRNO.has(errno(error) ?? 0) && attempt < MAX_ATTEMPTS;
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10 * attempt));
    }
  }
}

/** Locks a row for the rest of the transaction on MySQL; SQLite's serialized writer already excludes others. */
export const lockMode = (db: Database) => (db.driver === 'mysql' ? { mode: 'pessimistic_write' as const } : undefined);
