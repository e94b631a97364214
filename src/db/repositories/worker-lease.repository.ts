import type { Dialect } from '../sql/dialect';
import type { StatementRunner } from '../sql/statement-runner';
import { plainNames } from '../tables';
import type { TableNames } from '../tables';

/** A row of `worker_leases`, which is no entity: one per kind of background work. Times are epoch ms. */
interface LeaseRow { name: string; holder: string; expiresAt: number }

const statements = (_names: TableNames, dialect: Dialect) => {
  const l = plainNames<LeaseRow>(dialect, 'worker_leases', ['name', 'holder', 'expiresAt']);
  return {
    create: dialect.insertUnlessExists(`${l}`, [l.name, l.holder, l.expiresAt], [l.name]),
    // One conditional UPDATE: of two workers trying at once, the second finds the row already taken
    // (its WHERE no longer matches), whatever the isolation level.
    take: `UPDATE ${l} SET ${l.holder} = ?, ${l.expiresAt} = ? WHERE ${l.name} = ? AND (${l.holder} = ? OR ${l.expiresAt} < ?)`,
    release: `UPDATE ${l} SET ${l.expiresAt} = 0 WHERE ${l.name} = ? AND ${l.holder} = ?`,
    holder: `SELECT ${l.holder} AS holder, ${l.expiresAt} AS expiresAt FROM ${l} WHERE ${l.name} = ?`,
  };
};

/** The rows of `worker_leases`: who holds each kind of background work, and until when (src/db/worker-lease.ts). */
export class WorkerLeaseRepository {
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** Creates the lease's row, free, if it does not exist yet. */
  async create(name: string): Promise<void> {
    await this.sql.write(this.s.create, [name, '', 0]);
  }

  /** Gives the lease to `holder` until `untilMs` if it holds it already or it expired before `nowMs`. */
  async take(name: string, holder: string, untilMs: number, nowMs: number): Promise<void> {
    await this.sql.write(this.s.take, [holder, untilMs, name, holder, nowMs]);
  }

  /** Ends the holder's lease at once. */
  async release(name: string, holder: string): Promise<void> {
    await this.sql.write(this.s.release, [name, holder]);
  }

  /** Who the row names as holder and until when, or null without a row. */
  async holder(name: string): Promise<{ holder: string; expiresAtMs: number } | null> {
    const [row] = await this.sql.values<{ holder: string; expiresAt: number | string }>(this.s.holder, [name]);
    return row ? { holder: row.holder, expiresAtMs: Number(row.expiresAt) } : null;
  }
}
