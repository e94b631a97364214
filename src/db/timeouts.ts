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

/**
 * The settings every pooled session gets once the waits are bounded: the lock wait and statement
 * limits, and READ COMMITTED by default, the level every write transaction uses (db/transaction.ts),
 * which then opens with START TRANSACTION alone instead of a SET TRANSACTION before it: one statement
 * less per write. MariaDB and MySQL name the statement limit and the isolation variable differently.
 */
export function sessionSettings(server: 'mariadb' | 'mysql', timeouts: DatabaseTimeouts): string {
  const [statementLimit, isolation] = server === 'mariadb'
    ? [`max_statement_time = ${timeouts.statementTimeoutMs / 1000}`, "tx_isolation = 'READ-COMMITTED'"]
    : [`MAX_EXECUTION_TIME = ${Math.round(timeouts.statementTimeoutMs)}`, "transaction_isolation = 'READ-COMMITTED'"];
  return `SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.round(timeouts.lockWaitSeconds))}, ${statementLimit}, ${isolation}`;
}
