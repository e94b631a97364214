import type { Database } from './data-source';
import type { RequestDeadline } from './deadline';
import { isConnectionFault, isLockConflict, ServiceFault } from './faults';
import { Repositories } from './repositories';
import { Sql } from './sql';
import { acquireMysqlConnection, onMysql, onQueryRunner, PooledConnection, Statements } from './statements';
import { sessionReadsCommitted } from './timeouts';

/** Work outside a request (maintenance, the seed) retries lock conflicts for this long in total. */
export const RETRY_BUDGET_WITHOUT_DEADLINE_MS = 10_000;

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
  const bound = (statements: Statements) => attempt(new Repositories(new Sql(db.tables, statements, null)));
  for (let tries = 1; ; tries++) {
    try {
      return await db.writes.run(() => (db.driver === 'mysql'
        ? mysqlTransaction(db, bound, deadline, options.retrySafe === true)
        : db.dataSource.transaction((manager) => bound(onQueryRunner(manager.queryRunner!)))));
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      const pause = 5 * tries + Math.random() * 10 * tries;
      if (Date.now() + pause >= giveUpAt) throw new ServiceFault('DATABASE_BUSY', { cause: error });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * A transaction on one mysql2 connection, by hand, so that each step can be bounded by the deadline
 * and a failure during COMMIT told apart from one before it. Its statements go to mysql2 itself,
 * like those outside transactions (statements.ts). READ COMMITTED: row locks without gap locks,
 * fewer deadlocks between unrelated plans.
 */
async function mysqlTransaction<T>(
  db: Database, work: (statements: Statements) => Promise<T>, deadline: RequestDeadline | undefined, retrySafe: boolean,
): Promise<T> {
  let connection: PooledConnection | undefined;
  let abandoned = false;
  // Dropping the connection is the only way to stop a statement the server is not answering; the
  // server rolls the transaction back when it notices, and the pool opens a fresh connection.
  const abandon = () => {
    abandoned = true;
    connection?.destroy();
  };
  const bounded = <R>(step: Promise<R>): Promise<R> => (deadline ? deadline.race(step, abandon) : step);
  const connecting = acquireMysqlConnection(db.dataSource);
  let statements: Statements | undefined;
  let open = false;
  let committing = false;
  try {
    connection = await bounded(connecting);
    statements = onMysql(db.dataSource, connection);
    // Sessions opened after the migrations read committed already (timeouts.ts); earlier ones (the
    // migrations' and the seed's) say it per transaction.
    if (!sessionReadsCommitted(connection)) await bounded(statements.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED', [], false));
    await bounded(statements.run('START TRANSACTION', [], false));
    open = true;
    const result = await bounded(work(statements));
    committing = true;
    await bounded(statements.run('COMMIT', [], false));
    return result;
  } catch (error) {
    const lost = abandoned || isConnectionFault(error);
    if (committing && lost) throw new ServiceFault('OUTCOME_UNKNOWN', { cause: error, retryable: retrySafe });
    if (!lost && open) await statements!.run('ROLLBACK', [], false).catch(() => undefined);
    throw error;
  } finally {
    // A connection still being acquired when the deadline passed is released once it arrives (a
    // destroyed one has left the pool already; its release does nothing).
    void connecting.then((acquired) => acquired.release(), () => undefined);
  }
}
