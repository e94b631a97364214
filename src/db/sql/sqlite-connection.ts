import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';
import type { Connections, PoolStats, TransactionConnection } from './connections';
import { SQLITE } from './dialect';
import type { StatementTarget } from './statement-runner';

/** Prepared statements kept per connection, oldest dropped first (TypeORM's default for this driver). */
const PREPARED_STATEMENTS = 100;

/**
 * Tenor's one better-sqlite3 connection, which the statement runner and TypeORM (migrations,
 * metadata) share: a file database in WAL mode (readers of the file proceed while a write commits)
 * or an in-memory one. One connection means one transaction at a time for everyone on it: the
 * WriteSerializer takes turns, and statements from outside a write wait while one is open.
 */
export class SqliteConnection implements Connections {
  readonly dialect = SQLITE;
  readonly abandonable = false;
  readonly typeormDriver: object;
  readonly pooled: StatementTarget;
  private readonly handle: BetterSqlite3.Database;
  private readonly prepared = new Map<string, BetterSqlite3.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const handle = new BetterSqlite3(file, { timeout: 5000 });
    handle.pragma('foreign_keys = ON');
    if (file !== ':memory:') handle.pragma('journal_mode = WAL');
    this.handle = handle;
    // TypeORM's better-sqlite3 driver calls `new driver(file, options)`; a constructor that returns an
    // object makes `new` answer that object, so TypeORM works on this connection rather than opening one.
    this.typeormDriver = function TenorSqliteConnection() {
      return handle;
    };
    this.pooled = { send: async (sql, params) => this.run(sql, params) };
  }

  forTransaction(): Promise<TransactionConnection> {
    return Promise.resolve({ target: this.pooled, opening: [SQLITE.beginTransaction], release: () => undefined, abandon: () => undefined });
  }

  boundWaits(): void {
    // One connection, never waited for (writes queue in the WriteSerializer); locks wait the busy timeout.
  }

  stats(): PoolStats {
    return { inUse: 0, idle: 1, waiting: 0, max: 1 };
  }

  async close(): Promise<void> {
    if (this.handle.open) this.handle.close();
  }

  /** Rows for a statement that returns rows, better-sqlite3's write summary ({ changes, lastInsertRowid }) otherwise. */
  private run(sql: string, params: readonly unknown[]): unknown {
    try {
      const statement = this.statement(sql);
      return statement.reader ? statement.all(...params) : statement.run(...params);
    } catch (error) {
      throw new QueryFailedError(sql, params as unknown[], error as Error);
    }
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.prepared.get(sql);
    if (statement === undefined) {
      statement = this.handle.prepare(sql);
      this.prepared.set(sql, statement);
      if (this.prepared.size > PREPARED_STATEMENTS) this.prepared.delete(this.prepared.keys().next().value!);
    }
    return statement;
  }
}
