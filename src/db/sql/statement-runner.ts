import type { ObjectLiteral } from 'typeorm';
import type { NewRow, Table } from '../table';
import type { Tables } from '../tables';
import type { WriteSerializer } from '../write-serializer';
import type { Dialect } from './dialect';
import type { Bound, InsertRows } from './shapes';

/** Sees every statement before it runs, with its parameters: tests and the benchmark count SQL with it. */
export interface SqlLogger {
  logQuery(query: string, parameters?: unknown[]): void;
}

/** Runs around one statement: `sql` is its text with placeholders, never its values; `run` executes it. */
export type QueryInterceptor = (sql: string, run: () => Promise<unknown>) => Promise<unknown>;

/**
 * Where a statement is sent, and how it comes back: a connection of the pool taken for it alone
 * (outside transactions), or the connection a transaction holds. The answer is the driver's: rows
 * for a SELECT, its write summary otherwise (read through the Dialect).
 */
export interface StatementTarget {
  send(sql: string, params: readonly unknown[]): Promise<unknown>;
}

/**
 * What every statement of one database passes through, whichever runner sends it: the logger, then
 * the interceptors (metrics, tracing), the last registered outermost.
 */
export class StatementObservers {
  private around: QueryInterceptor | null = null;

  constructor(private readonly logger: SqlLogger | null) {}

  intercept(around: QueryInterceptor): void {
    const inner = this.around;
    this.around = inner ? (sql, run) => around(sql, () => inner(sql, run)) : around;
  }

  run(sql: string, params: readonly unknown[], target: StatementTarget): Promise<unknown> {
    this.logger?.logQuery(sql, params as unknown[]);
    const around = this.around;
    return around ? around(sql, () => target.send(sql, params)) : target.send(sql, params);
  }
}

/**
 * The one statement runner: every statement of the application, from every repository, is sent by
 * one of these, on the connections Tenor opened (src/db/sql/mysql-connections.ts,
 * sqlite-connection.ts). It runs statements; it never builds one (the repositories declare theirs,
 * see docs/data-layer.md). One runner per database serves statements outside transactions, each on
 * a pooled connection of its own; inTransaction makes one per transaction, on its connection.
 */
export class StatementRunner {
  readonly dialect: Dialect;

  constructor(
    /** The tables' names and row conversions the repositories declare their statements with. */
    readonly tables: Tables,
    private readonly target: StatementTarget,
    private readonly observers: StatementObservers,
    /**
     * Outside transactions on SQLite, whose one connection a write transaction holds open: a read
     * waits while a write is open and a write takes its turn in the queue (WriteSerializer). null on
     * MySQL and inside a transaction, which took its turn when it began.
     */
    private readonly writes: WriteSerializer | null,
  ) {
    this.dialect = tables.dialect;
  }

  /** Runs a `SELECT * FROM <table> …` and returns its rows as entities. */
  async rows<T extends ObjectLiteral>(table: Table<T>, sql: string, params: readonly unknown[]): Promise<T[]> {
    return table.hydrate(await this.read(sql, params) as Record<string, unknown>[]);
  }

  /** The one row of a `SELECT * FROM <table> …` (by a unique key), or null. */
  async one<T extends ObjectLiteral>(table: Table<T>, sql: string, params: readonly unknown[]): Promise<T | null> {
    const [row] = await this.rows(table, sql, params);
    return row ?? null;
  }

  /** Runs a SELECT whose rows are not entities (ids, counts), as the driver answers them. */
  values<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    return this.read(sql, params) as Promise<R[]>;
  }

  /** Runs an INSERT, UPDATE, DELETE or any statement that returns no rows; resolves the rows it changed. */
  async write(sql: string, params: readonly unknown[]): Promise<number> {
    return this.dialect.affectedRows(await this.change(sql, params));
  }

  /** Runs the INSERT of `rows` (a repository's insertRows statement); resolves the id of the first. */
  async insert<T extends ObjectLiteral>(statement: InsertRows<T>, rows: readonly NewRow<T>[]): Promise<number> {
    const { sql, params } = statement.bind(rows);
    return this.dialect.firstInsertId(await this.change(sql, params), rows.length);
  }

  /** Runs an UPDATE bound to its rows and changes (a repository's updateRows statement). */
  async update({ sql, params }: Bound): Promise<void> {
    await this.change(sql, params);
  }

  private read(sql: string, params: readonly unknown[]): Promise<unknown> {
    const open = this.writes?.beforeStatement();
    return open ? open.then(() => this.observers.run(sql, params, this.target)) : this.observers.run(sql, params, this.target);
  }

  private change(sql: string, params: readonly unknown[]): Promise<unknown> {
    return this.writes ? this.writes.run(() => this.observers.run(sql, params, this.target)) : this.observers.run(sql, params, this.target);
  }
}
