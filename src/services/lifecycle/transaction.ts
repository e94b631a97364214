import { EntityManager, QueryRunner } from 'typeorm';
import type { Database } from '../../db/data-source';
import { currentDeadline, RequestDeadline } from '../../db/deadline';
import { isConnectionFault, isLockConflict, ServiceFault } from '../../db/faults';
import { collectingEvents, DomainEvent, publishCommitted } from './domain-events';

/** Work outside a request (maintenance, the seed) retries lock conflicts for this long in total. */
export const RETRY_BUDGET_WITHOUT_DEADLINE_MS = 10_000;

export const isDuplicateKey = (error: unknown): boolean => {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  return (e.driverError?.errno ?? e.errno) === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY';
};

export interface WriteOptions {
  /** Repeating the whole request is safe (an idempotency record guards it, or the change is idempotent). */
  retrySafe?: boolean;
}

/**
 * One money-moving write = one transaction. On SQLite writes are serialized (one connection). On
 * MySQL a deadlock or lock wait timeout (the session waits at most innodb_lock_wait_timeout, see
 * db/timeouts.ts) is retried with jittered backoff for as long as the request's deadline allows, then
 * answered DATABASE_BUSY; a deadline that passes inside the transaction rolls it back (TIMEOUT), and
 * a connection lost during COMMIT is OUTCOME_UNKNOWN.
 */
export async function writeTransaction<T>(db: Database, work: (manager: EntityManager) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  const deadline = currentDeadline();
  deadline?.noteWrite(options.retrySafe ? 'keyed' : 'unkeyed');
  const giveUpAt = Date.now() + (deadline ? deadline.remainingMs() : RETRY_BUDGET_WITHOUT_DEADLINE_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      // Each attempt collects its own events: a retried or rolled-back attempt's are dropped.
      const events: DomainEvent[] = [];
      const attemptWork = collectingEvents(events, work);
      const result = await db.writes.run(() => (db.driver === 'mysql'
        ? mysqlTransaction(db, attemptWork, deadline, options.retrySafe === true)
        : db.dataSource.transaction(attemptWork)));
      publishCommitted(db, events);
      return result;
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      const pause = 5 * attempt + Math.random() * 10 * attempt;
      if (Date.now() + pause >= giveUpAt) throw new ServiceFault('DATABASE_BUSY', { cause: error });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * TypeORM's transaction() by hand, so that each step can be bounded by the deadline and a failure
 * during COMMIT told apart from one before it. READ COMMITTED: row locks without gap locks, fewer
 * deadlocks between unrelated plans.
 */
async function mysqlTransaction<T>(
  db: Database, work: (manager: EntityManager) => Promise<T>, deadline: RequestDeadline | undefined, retrySafe: boolean,
): Promise<T> {
  const runner = db.dataSource.createQueryRunner();
  let abandoned = false;
  // Dropping the connection is the only way to stop a statement the server is not answering; the
  // server rolls the transaction back when it notices, and the pool opens a fresh connection.
  const abandon = () => {
    abandoned = true;
    connectionOf(runner)?.destroy();
  };
  const bounded = <R>(step: Promise<R>): Promise<R> => (deadline ? deadline.race(step, abandon) : step);
  const connecting = runner.connect();
  let committing = false;
  try {
    await bounded(connecting);
    await bounded(runner.startTransaction('READ COMMITTED'));
    const result = await bounded(work(runner.manager));
    committing = true;
    await bounded(runner.commitTransaction());
    return result;
  } catch (error) {
    const lost = abandoned || isConnectionFault(error);
    if (committing && lost) throw new ServiceFault('OUTCOME_UNKNOWN', { cause: error, retryable: retrySafe });
    if (!lost && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    // A connection still being acquired when the deadline passed is released once it arrives.
    void connecting.then(() => runner.release(), () => undefined);
  }
}

const connectionOf = (runner: QueryRunner) => (runner as unknown as { databaseConnection?: { destroy(): void } }).databaseConnection;

/** Locks a row for the rest of the transaction on MySQL; SQLite's serialized writer already excludes others. */
export const lockMode = (db: Database) => (db.driver === 'mysql' ? { mode: 'pessimistic_write' as const } : undefined);
