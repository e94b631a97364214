import type { DataSource } from 'typeorm';
import { ServiceFault } from './faults';

/** How long a MySQL/MariaDB client of this gateway may wait, and makes others wait. */
export interface DatabaseTimeouts {
  /** A request that gets no pool connection within this is answered DATABASE_BUSY. */
  acquireTimeoutMs: number;
  /** innodb_lock_wait_timeout per session: a write waits this long for a row lock (InnoDB's default is 50 s). */
  lockWaitSeconds: number;
  /** The longest one statement may run (max_statement_time on MariaDB, MAX_EXECUTION_TIME for SELECTs on MySQL). */
  statementTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { acquireTimeoutMs: 2_000, lockWaitSeconds: 3, statementTimeoutMs: 5_000 };

interface PooledConnection {
  _isMariaDB?: boolean;
  tenorSessionSet?: boolean;
  /** Its session reads committed by default (set below), so a transaction need not say so itself. */
  tenorReadCommitted?: boolean;
  query(sql: string, callback: (error: Error | null) => void): void;
  release(): void;
}
type Acquired = (error: Error | null, connection?: PooledConnection) => void;
interface Pool { getConnection(callback: Acquired): void }

/**
 * mysql2's pool waits for a free connection forever and has no per-session settings, so its
 * getConnection (which TypeORM and pool.query both use) is wrapped: a waiter gives up after
 * `acquireTimeoutMs` (the connection it would have got goes straight back), and every connection
 * gets the session timeouts before its first statement.
 */
export function applyDatabaseTimeouts(dataSource: DataSource, timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void {
  const pool = (dataSource.driver as unknown as { pool: Pool }).pool;
  const acquire = pool.getConnection.bind(pool);
  pool.getConnection = (callback: Acquired) => {
    let gaveUp = false;
    const timer = setTimeout(() => {
      gaveUp = true;
      callback(new ServiceFault('DATABASE_BUSY', { message: `No database connection became free within ${timeouts.acquireTimeoutMs} ms; nothing was changed. Retry later.` }));
    }, timeouts.acquireTimeoutMs);
    acquire((error, connection) => {
      if (gaveUp) {
        connection?.release();
        return;
      }
      clearTimeout(timer);
      if (connection && !connection.tenorSessionSet) setSessionTimeouts(connection, timeouts, onError);
      callback(error, connection);
    });
  };
}

/**
 * Queued ahead of the caller's first statement on this connection (mysql2 runs a connection's
 * commands in order). The session also reads committed by default, the level every write transaction
 * uses (db/transaction.ts), which then opens with START TRANSACTION alone instead of a SET TRANSACTION
 * before it: one statement less per write.
 */
function setSessionTimeouts(connection: PooledConnection, timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void {
  connection.tenorSessionSet = true;
  const [statementLimit, isolation] = connection._isMariaDB
    ? [`max_statement_time = ${timeouts.statementTimeoutMs / 1000}`, "tx_isolation = 'READ-COMMITTED'"]
    : [`MAX_EXECUTION_TIME = ${Math.round(timeouts.statementTimeoutMs)}`, "transaction_isolation = 'READ-COMMITTED'"];
  connection.query(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.round(timeouts.lockWaitSeconds))}, ${statementLimit}, ${isolation}`, (error) => {
    if (error) onError(error);
    else connection.tenorReadCommitted = true;
  });
}

/** True when the connection's session already reads committed by default (see setSessionTimeouts). */
export const sessionReadsCommitted = (connection: unknown): boolean =>
  (connection as PooledConnection | undefined)?.tenorReadCommitted === true;
