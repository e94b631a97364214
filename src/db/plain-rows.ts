import { DataSource } from 'typeorm';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

type Hydrate = (value: unknown, column: ColumnMetadata) => unknown;
type Converter = (row: Record<string, unknown>, hydrate: Hydrate, columns: ColumnMetadata[]) => void;

const converters = new WeakMap<EntityMetadata, { convert: Converter; columns: ColumnMetadata[] }>();

/**
 * Rows are selected with `SELECT *` (column names are the entity's property names), so the driver's
 * row objects already have the entity's shape and are used as they are. Only columns whose value did
 * not arrive in its final form are converted, in place, by the driver's own hydration (transformers,
 * datetimes as Date): mysql2 hands over ints, BIGINT money as numbers, DATE as strings and DATETIME
 * as Date; better-sqlite3 hands datetimes over as text. The check is compiled once per entity (one
 * row shape, monomorphic reads). Names come from entity metadata (our own code), never from input.
 */
function converterFor(metadata: EntityMetadata) {
  let converter = converters.get(metadata);
  if (!converter) {
    const relations = new Set(metadata.relations.map((r) => r.propertyName));
    const columns = metadata.columns.filter((c) => !relations.has(c.propertyName));
    const checks = columns.map((column, i) => {
      const value = `row[${JSON.stringify(column.propertyName)}]`;
      const isFinal = finalValueCheck(column, value);
      return isFinal === 'always' ? '' : `if (!(${isFinal})) ${value} = hydrate(${value}, columns[${i}]);`;
    });
    const convert = new Function('row', 'hydrate', 'columns', checks.filter(Boolean).join('\n')) as Converter;
    converters.set(metadata, (converter = { convert, columns }));
  }
  return converter;
}

/** A JavaScript condition that is true when the column's value needs no conversion. */
function finalValueCheck(column: ColumnMetadata, value: string): string {
  const type = String(column.type);
  // Ids and foreign keys are declared without a type (`Number`); both drivers hand ints over as numbers.
  if (!column.transformer && (type === 'varchar' || type === 'text')) return 'always';
  if (!column.transformer && (type === 'int' || column.type === Number)) return `typeof ${value} === 'number' || ${value} === null`;
  if (type === 'bigint') return `Number.isSafeInteger(${value})`; // money: anything else goes through the transformer, which refuses it
  if (type === 'date') return `typeof ${value} === 'string' || ${value} === null`;
  if (type === 'datetime') return `${value} instanceof Date || ${value} === null`;
  return 'false';
}

type Runner = DataSource | EntityManager;

const dataSourceOf = (runner: Runner): DataSource => (runner instanceof DataSource ? runner : runner.connection);

/**
 * Runs a `SELECT <alias>.* FROM <entity's table> <alias> …` written by our own code (values always
 * as `?` parameters) and returns the rows as plain objects of the entity's shape.
 */
export async function queryRows<T extends ObjectLiteral>(runner: Runner, entity: EntityTarget<T>, sql: (table: string) => string, params: unknown[]): Promise<T[]> {
  const metadata: EntityMetadata = dataSourceOf(runner).getMetadata(entity);
  const rows: Record<string, unknown>[] = await runner.query(sql(metadata.tableName), params);
  const { convert, columns } = converterFor(metadata);
  const driver = dataSourceOf(runner).driver;
  const hydrate: Hydrate = (value, column) => driver.prepareHydratedValue(value, column);
  for (const row of rows) convert(row, hydrate, columns);
  return rows as T[];
}

/** `?, ?, ?` for an IN list: both drivers bind each value separately. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * `SELECT * FROM <table> WHERE a = ? AND … ORDER BY …`, for the few statements every money movement
 * runs. Column names come from our own code; values are always parameters.
 */
export async function selectRows<T extends ObjectLiteral>(
  manager: EntityManager, entity: EntityTarget<T>, where: Record<string, number>, options: { orderBy?: string; forUpdate?: boolean } = {},
): Promise<T[]> {
  const columns = Object.keys(where);
  // SQLite has no row locks; its writes are serialized instead.
  const lock = options.forUpdate && manager.connection.driver.options.type === 'mysql' ? ' FOR UPDATE' : '';
  return queryRows(manager, entity, (table) => `SELECT * FROM ${table} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')}`
    + (options.orderBy ? ` ORDER BY ${options.orderBy}` : '') + lock, columns.map((c) => where[c]));
}
