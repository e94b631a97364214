import type { Database } from './data-source';
import type { RequestDeadline } from './deadline';
import { isConnectionFault, isLockConflict, ServiceFault } from './faults';
import { Repositories } from './repositories';
import type { TransactionConnection } from './sql/connections';
import { StatementRunner } from './sql/statement-runner';

/** Work outside a request (maintenance, the seed) retries lock conflicts for this long in total. */
const RETRY_BUDGET_WITHOUT_DEADLINE_MS = 10_000;

export interface TransactionOptions {
  /** Repeating the whole request is safe (an idempotency record guards it, or the change is idempotent). */
  retrySafe?: boolean;
  /** The request's deadline; absent for work outside a request (maintenance, the seed). */
  deadline?: RequestDeadline;
}

/**
 * Runs `attempt` in one transaction with repositories bound to its connection, and commits. On
 * SQLite transactions are serialized (one connection, see WriteSerializer). On MySQL a deadlock or
 * lock wait timeout (the session waits at most innodb_lock_wait_timeout, see timeouts.ts) is retried
 * with jittered backoff, calling `attempt` afresh, for as long as the request's deadline allows, then
 * answered DATABASE_BUSY; a deadline that passes inside the transaction rolls it back (TIMEOUT), and
 * a connection lost during COMMIT is OUTCOME_UNKNOWN.
 */
export async function inTransaction<T>(db: Database, attempt: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const { deadline } = options;
  deadline?.noteWrite(options.retrySafe ? 'keyed' : 'unkeyed');
  const giveUpAt = Date.now() + (deadline ? deadline.remainingMs() : RETRY_BUDGET_WITHOUT_DEADLINE_MS);
  for (let tries = 1; ; tries++) {
    try {
      return await db.writes.run(() => oneTransaction(db, attempt, deadline, options.retrySafe === true));
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      const pause = 5 * tries + Math.random() * 10 * tries;
      if (Date.now() + pause >= giveUpAt) throw new ServiceFault('DATABASE_BUSY', { cause: error });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * One transaction on one connection, by hand, so that each step can be bounded by the deadline and
 * a failure during COMMIT told apart from one before it. Its statements go through the statement
 * runner like those outside transactions. On MySQL it reads committed: row locks without gap locks,
 * fewer deadlocks between unrelated plans.
 */
async function oneTransaction<T>(
  db: Database, attempt: (tx: Repositories) => Promise<T>, deadline: RequestDeadline | undefined, retrySafe: boolean,
): Promise<T> {
  let connection: TransactionConnection | undefined;
  let abandoned = false;
  const abandon = () => {
    abandoned = true;
    connection?.abandon();
  };
  const connecting = db.connections.forTransaction();
  const bounded = <R>(step: Promise<R>): Promise<R> => (deadline && db.connections.abandonable ? deadline.race(step, abandon) : step);
  let runner: StatementRunner | undefined;
  let open = false;
  let committing = false;
  try {
    connection = await bounded(connecting);
    runner = new StatementRunner(db.tables, connection.target, db.observers, null);
    for (const statement of connection.opening) await bounded(runner.write(statement, []));
    open = true;
    const result = await bounded(attempt(new Repositories(runner)));
    committing = true;
    await bounded(runner.write('COMMIT', []));
    return result;
  } catch (error) {
    const lost = abandoned || isConnectionFault(error);
    if (committing && lost) throw new ServiceFault('OUTCOME_UNKNOWN', { cause: error, retryable: retrySafe });
    if (!lost && open) await runner!.write('ROLLBACK', []).catch(() => undefined);
    throw error;
  } finally {
    // A connection still being acquired when the deadline passed is released once it arrives (a
    // dropped one has left the pool already; its release does nothing).
    void connecting.then((acquired) => acquired.release(), () => undefined);
  }
}
