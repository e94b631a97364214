import type { ObjectLiteral } from 'typeorm';
import type { Statements } from './statements';
import type { Changes, Column, NewRow, Table, Where } from './table';
import type { Tables } from './tables';
import type { WriteSerializer } from './write-serializer';

/** `?, ?, ?` for an IN list: both drivers bind each value separately. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * A statement with one IN list, written `IN (...)` where the statement is built: it gets one
 * placeholder per value when it runs, so the SQL reads as written and is built from names once.
 */
export function withList(sql: string): (values: readonly unknown[]) => string {
  const [before, after, extra] = sql.split('(...)');
  if (after === undefined || extra !== undefined) throw new Error(`a statement with a list has exactly one "(...)": ${sql}`);
  return (values) => `${before}(${placeholders(values)})${after}`;
}

/**
 * Where the repositories' statements run: a data source outside transactions (each statement on a
 * pooled connection, autocommitted), or one transaction's connection. Statements are written by the
 * repositories with names from entity metadata; values are always parameters. INSERT, UPDATE and
 * DELETE are built here once per shape and kept, without TypeORM's query builder: building each
 * statement through it (alias maps, property-name replacement over the whole SQL, a subscriber
 * broadcast) cost more CPU than the rest of a repayment's database work.
 */
export class Sql {
  constructor(
    readonly tables: Tables,
    /** A pooled connection per statement, or the transaction's connection (statements.ts). */
    private readonly statements: Statements,
    /**
     * Outside transactions, SQLite's writes take their turn in the write queue like transactions do;
     * null inside a transaction, which took its turn when it began.
     */
    private readonly writes: WriteSerializer | null,
  ) {}

  /** Runs a `SELECT * FROM <table> …` and returns its rows as entities. */
  async rows<T extends ObjectLiteral>(table: Table<T>, sql: string, params: readonly unknown[]): Promise<T[]> {
    return table.hydrate(await this.query(sql, params, false) as Record<string, unknown>[]);
  }

  /** Runs a SELECT whose rows are not entities (ids, counts), as the driver answers them. */
  async values<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    return await this.query(sql, params, false) as R[];
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the rows it affected and the driver's raw answer. */
  write(sql: string, params: readonly unknown[]): Promise<{ affected: number; raw: unknown }> {
    return this.writes ? this.writes.run(() => this.execute(sql, params)) : this.execute(sql, params);
  }

  /**
   * `SELECT * FROM <table> WHERE a = ? AND … [ORDER BY …] [FOR UPDATE]`: rows by equality, locked
   * for the transaction when asked (MySQL; SQLite's writes are serialized instead).
   */
  select<T extends ObjectLiteral>(
    table: Table<T>, where: Where<T>, options: { orderBy?: Column<T>; forUpdate?: boolean } = {},
  ): Promise<T[]> {
    const columns = (Object.keys(where) as Column<T>[]).filter((column) => where[column] != null);
    const sql = table.statement(`select:${columns.join(',')}:${options.orderBy ?? ''}:${options.forUpdate ? 'lock' : ''}`, () =>
      `SELECT * FROM ${table} WHERE ${columns.map((c) => `${table.column(c)} = ?`).join(' AND ') || '1 = 1'}`
      + (options.orderBy ? ` ORDER BY ${table.column(options.orderBy)}` : '')
      + (options.forUpdate ? this.tables.forUpdate : ''));
    return this.rows(table, sql, columns.map((column) => table.persist(column, where[column])));
  }

  /** The one row of `select`, or null. */
  async one<T extends ObjectLiteral>(table: Table<T>, where: Where<T>, options: { forUpdate?: boolean } = {}): Promise<T | null> {
    const [row] = await this.select(table, where, options);
    return row ?? null;
  }

  /** `INSERT INTO <table> (<columns>) VALUES (…), (…)`: rows with the same properties, one statement; the id of the first. */
  async insert<T extends ObjectLiteral>(table: Table<T>, rows: readonly NewRow<T>[]): Promise<number> {
    if (rows.length === 0) throw new Error('insert needs at least one row');
    const properties = Object.keys(rows[0]);
    const columns = table.columnsOf(properties);
    const sql = table.statement(`insert:${properties.join(',')}`, () =>
      `INSERT INTO ${table} (${properties.map((p) => table.column(p as Column<T>)).join(', ')}) VALUES `);
    const tuple = `(${'?, '.repeat(columns.length - 1)}?)`;
    const { raw } = await this.write(sql + Array(rows.length).fill(tuple).join(', '), rows.flatMap((row) => table.valuesOf(columns, row)));
    return this.firstInsertId(raw, rows.length);
  }

  /** `UPDATE <table> SET <changes>[, version = version + 1] WHERE id = ?`. */
  async update<T extends ObjectLiteral>(table: Table<T>, id: number, changes: Changes<T>, options: { bumpVersion?: boolean } = {}): Promise<void> {
    await this.updateWhereIds(table, [id], changes, options);
  }

  /** `UPDATE <table> SET <changes>[, version = version + 1] WHERE id IN (…)`: the same change to many rows, one statement. */
  async updateMany<T extends ObjectLiteral>(table: Table<T>, ids: readonly number[], changes: Changes<T>, options: { bumpVersion?: boolean } = {}): Promise<void> {
    if (ids.length > 0) await this.updateWhereIds(table, ids, changes, options);
  }

  /** `DELETE FROM <table> WHERE <column> = ?`. */
  async deleteWhere<T extends ObjectLiteral>(table: Table<T>, column: Column<T>, value: number): Promise<void> {
    await this.write(table.statement(`delete:${column}`, () => `DELETE FROM ${table} WHERE ${table.column(column)} = ?`), [value]);
  }

  private updateWhereIds<T extends ObjectLiteral>(table: Table<T>, ids: readonly number[], changes: Changes<T>, options: { bumpVersion?: boolean }) {
    const properties = Object.keys(changes);
    if (properties.length === 0) throw new Error('update needs at least one change');
    const columns = table.columnsOf(properties);
    const prefix = table.statement(`update:${options.bumpVersion ? 'v:' : ''}${properties.join(',')}`, () => {
      const sets = properties.map((p) => `${table.column(p as Column<T>)} = ?`);
      if (options.bumpVersion) sets.push(`${table.column('version' as Column<T>)} = ${table.column('version' as Column<T>)} + 1`);
      return `UPDATE ${table} SET ${sets.join(', ')} WHERE ${table.column('id' as Column<T>)}`;
    });
    const sql = ids.length === 1 ? `${prefix} = ?` : `${prefix} IN (${placeholders(ids)})`;
    return this.write(sql, [...table.valuesOf(columns, changes), ...ids]);
  }

  /**
   * The id of an INSERT's first row, from each driver's raw answer. mysql2 hands over a
   * ResultSetHeader whose insertId is the first id the statement generated (consecutive for a
   * multi-row INSERT with an auto-increment step of 1); TypeORM's better-sqlite3 driver hands over
   * lastInsertRowid, the id of the statement's last row. Any other shape fails loudly rather than
   * returning a wrong id.
   */
  private firstInsertId(raw: unknown, rowCount: number): number {
    const id = this.tables.mysql
      ? (typeof raw === 'object' && raw !== null && 'insertId' in raw ? Number(raw.insertId) : null)
      : (typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) - rowCount + 1 : null);
    if (id === null || !Number.isSafeInteger(id) || id < 1) {
      throw new Error(`insert cannot read the first id from ${this.tables.mysql ? 'mysql' : 'better-sqlite3'}'s answer ${JSON.stringify(raw)}`);
    }
    return id;
  }

  private async execute(sql: string, params: readonly unknown[]): Promise<{ affected: number; raw: unknown }> {
    const result = await this.query(sql, params, true) as { affected?: number; raw: unknown };
    return { affected: result.affected ?? 0, raw: result.raw };
  }

  /** Every statement of the repositories passes here (statements.ts runs the metrics and tracing interceptors around it). */
  private query(sql: string, params: readonly unknown[], structured: boolean): Promise<unknown> {
    return this.statements.run(sql, params, structured);
  }
}
