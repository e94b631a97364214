import type { Dialect } from '../sql/dialect';
import type { StatementRunner } from '../sql/statement-runner';
import { plainNames } from '../tables';
import type { TableNames } from '../tables';

/** The row `migrate` locks: one, in a table no migration creates, since it must exist before any runs (MySQL only). */
const statements = (_names: TableNames, dialect: Dialect) => {
  const l = plainNames<{ id: number }>(dialect, 'tenor_migration_lock', ['id']);
  return {
    createTable: `CREATE TABLE IF NOT EXISTS ${l} (${l.id} int NOT NULL PRIMARY KEY) ENGINE=InnoDB`,
    createRow: dialect.insertUnlessExists(`${l}`, [l.id], [l.id]),
    lockWait: 'SET SESSION innodb_lock_wait_timeout = ?',
    begin: dialect.beginTransaction,
    lock: `SELECT ${l.id} FROM ${l} WHERE ${l.id} = ?${dialect.forUpdate}`,
    end: 'ROLLBACK',
  };
};

const LOCK_ROW = 1;

/** The migration lock's row (src/db/migration-lock.ts): created once, then held by one `migrate` at a time. */
export class MigrationLockRepository {
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** Creates the table and its row if missing. */
  async create(): Promise<void> {
    await this.sql.write(this.s.createTable, []);
    await this.sql.write(this.s.createRow, [LOCK_ROW]);
  }

  /** Locks the row for this session's transaction, waiting up to `waitSeconds` for another holder. */
  async hold(waitSeconds: number): Promise<void> {
    await this.sql.write(this.s.lockWait, [waitSeconds]);
    await this.sql.write(this.s.begin, []);
    await this.sql.values(this.s.lock, [LOCK_ROW]);
  }

  /** Ends the transaction, and with it the lock. */
  async release(): Promise<void> {
    await this.sql.write(this.s.end, []);
  }
}
