import type { ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Changes, Column, NewRow, Table } from '../table';
import { EntityNames, TABLE } from '../tables';

/**
 * Statements whose text follows from the shape of their call: the length of an IN list, the rows of
 * a multi-row INSERT, the properties an UPDATE changes. A repository declares them with its other
 * statements, from the same names; each shape's text is built the first time it is met and kept.
 */

/** `?, ?, ?` for an IN list: both drivers bind each value separately. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * A statement with one IN list, written `IN (...)`: it gets one placeholder per value when it runs,
 * so the SQL reads as written and is built from names once.
 */
export function withList(sql: string): (values: readonly unknown[]) => string {
  const [before, after, extra] = sql.split('(...)');
  if (after === undefined || extra !== undefined) throw new Error(`a statement with a list has exactly one "(...)": ${sql}`);
  return (values) => `${before}(${placeholders(values)})${after}`;
}

/** A statement's text and its parameters, ready for the runner. */
export interface Bound {
  sql: string;
  params: unknown[];
}

/** A statement's text for one set of properties, and their columns (in the entity's order) whose values it binds. */
interface Shape {
  text: string;
  columns: ColumnMetadata[];
}

/** `INSERT INTO <table> (<the rows' properties>) VALUES (?, …), (?, …)`: rows share the first row's properties. */
export class InsertRows<T extends ObjectLiteral> {
  private readonly shapes = new Map<string, Shape & { tuple: string }>();

  constructor(private readonly table: Table<T>) {}

  bind(rows: readonly NewRow<T>[]): Bound {
    if (rows.length === 0) throw new Error('insert needs at least one row');
    const properties = Object.keys(rows[0]);
    const key = properties.join(',');
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      const columns = this.table.columnsOf(properties);
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const text = `INSERT INTO ${this.table} (${columns.map((c) => this.table.column(c.propertyName as Column<T>)).join(', ')}) VALUES ${tuple}`;
      this.shapes.set(key, (shape = { text, columns, tuple }));
    }
    const params: unknown[] = [];
    for (const row of rows) params.push(...this.table.valuesOf(shape.columns, row));
    return { sql: rows.length === 1 ? shape.text : shape.text + `, ${shape.tuple}`.repeat(rows.length - 1), params };
  }
}

/** `UPDATE <table> SET <changed properties> = ?[, version = version + 1] WHERE id = ?` (or `id IN (…)`). */
export class UpdateRows<T extends ObjectLiteral> {
  private readonly shapes = new Map<string, Shape>();

  constructor(private readonly table: Table<T>, private readonly options: { bumpVersion: boolean }) {}

  /** One row's change. */
  byId(id: number, changes: Changes<T>): Bound {
    const shape = this.shape(changes);
    return { sql: `${shape.text} = ?`, params: [...this.table.valuesOf(shape.columns, changes), id] };
  }

  /** The same change to several rows, one statement. */
  byIds(ids: readonly number[], changes: Changes<T>): Bound {
    if (ids.length === 1) return this.byId(ids[0], changes);
    const shape = this.shape(changes);
    return { sql: `${shape.text} IN (${placeholders(ids)})`, params: [...this.table.valuesOf(shape.columns, changes), ...ids] };
  }

  private shape(changes: Changes<T>): Shape {
    const properties = Object.keys(changes);
    const key = properties.join(',');
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      if (properties.length === 0) throw new Error('update needs at least one change');
      const column = (property: string) => this.table.column(property as Column<T>);
      const columns = this.table.columnsOf(properties);
      const sets = columns.map((c) => `${column(c.propertyName)} = ?`);
      if (this.options.bumpVersion) sets.push(`${column('version')} = ${column('version')} + 1`);
      this.shapes.set(key, (shape = { text: `UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${column('id')}`, columns }));
    }
    return shape;
  }
}

/** The INSERT of an entity's rows, declared among a repository's statements. */
export const insertRows = <T extends ObjectLiteral>(names: EntityNames<T>): InsertRows<T> => new InsertRows(names[TABLE]);

/** The UPDATE by id of an entity's rows; `bumpVersion` also increments its optimistic version. */
export const updateRows = <T extends ObjectLiteral>(names: EntityNames<T>, options: { bumpVersion: boolean } = { bumpVersion: false }): UpdateRows<T> =>
  new UpdateRows(names[TABLE], options);
