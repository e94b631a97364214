import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * INSERT, UPDATE and DELETE of the rows every money movement writes, without TypeORM's query
 * builder: building each statement through it (alias maps, property-name replacement over the whole
 * SQL, a subscriber broadcast) cost more CPU than the rest of a repayment's database work. Values are
 * still converted by the driver exactly as TypeORM would (transformers, Date to each driver's
 * datetime format) and always sent as parameters; table and column names come from entity metadata,
 * looked up by property names our own code wrote, never from input.
 */

type Changes<T> = Partial<Record<keyof T & string, unknown>>;

interface Statement { sql: string; columns: ColumnMetadata[] }
const statements = new WeakMap<EntityMetadata, Map<string, Statement>>();

function cached(metadata: EntityMetadata, key: string, build: () => Statement): Statement {
  let byKey = statements.get(metadata);
  if (!byKey) statements.set(metadata, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) byKey.set(key, (statement = build()));
  return statement;
}

function columnsOf(metadata: EntityMetadata, properties: string[]): ColumnMetadata[] {
  return properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
}

/** A table or column name quoted for the manager's driver. */
const quote = (manager: EntityManager, name: string): string => manager.connection.driver.escape(name);

const valuesOf = (manager: EntityManager, columns: ColumnMetadata[], row: ObjectLiteral): unknown[] =>
  columns.map((column) => manager.connection.driver.preparePersistentValue(row[column.propertyName], column));

/** Inserts rows (all with the same properties) in one statement; returns the id of the first. */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Omit<T, 'id'>[]): Promise<number> {
  if (rows.length === 0) throw new Error('insertRows needs at least one row');
  const metadata = manager.connection.getMetadata(entity);
  const properties = Object.keys(rows[0]);
  const { sql, columns } = cached(metadata, `insert:${properties.join(',')}`, () => {
    const columns = columnsOf(metadata, properties);
    return { sql: `INSERT INTO ${quote(manager, metadata.tableName)} (${columns.map((c) => quote(manager, c.databaseName)).join(', ')}) VALUES `, columns };
  });
  const tuple = `(${'?, '.repeat(columns.length - 1)}?)`;
  const result: unknown = await manager.query(sql + Array(rows.length).fill(tuple).join(', '), rows.flatMap((row) => valuesOf(manager, columns, row)));
  return firstInsertId(manager, result, rows.length);
}

/**
 * What each driver's raw query() answers to an INSERT, read as the id of its first row. mysql2 hands
 * over a ResultSetHeader whose insertId is the first id the statement generated (consecutive for a
 * multi-row INSERT with an auto-increment step of 1); TypeORM's better-sqlite3 driver hands over
 * lastInsertRowid, the id of the statement's last row. Any other shape fails loudly rather than
 * returning a wrong id.
 */
const FIRST_INSERT_ID: Record<'mysql' | 'better-sqlite3', (raw: unknown, rowCount: number) => number | null> = {
  mysql: (raw) => (typeof raw === 'object' && raw !== null && 'insertId' in raw ? Number(raw.insertId) : null),
  'better-sqlite3': (raw, rowCount) => (typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) - rowCount + 1 : null),
};

function firstInsertId(manager: EntityManager, raw: unknown, rowCount: number): number {
  const type = manager.connection.driver.options.type;
  const read = type === 'mysql' || type === 'better-sqlite3' ? FIRST_INSERT_ID[type] : undefined;
  const id = read?.(raw, rowCount) ?? null;
  if (id === null || !Number.isSafeInteger(id) || id < 1) throw new Error(`insertRows cannot read the first id from ${type}'s answer ${JSON.stringify(raw)}`);
  return id;
}

/** UPDATE … SET <changes> WHERE id = ?, optionally bumping a version column in the same statement. */
export async function updateById<T extends ObjectLiteral>(
  manager: EntityManager, entity: EntityTarget<T>, id: number, changes: Changes<T>, options: { bumpVersion?: boolean } = {},
): Promise<void> {
  const properties = Object.keys(changes);
  if (properties.length === 0) throw new Error('updateById needs at least one change');
  const metadata = manager.connection.getMetadata(entity);
  const { sql, columns } = cached(metadata, `update:${options.bumpVersion ? 'v:' : ''}${properties.join(',')}`, () => {
    const columns = columnsOf(metadata, properties);
    const sets = columns.map((c) => `${quote(manager, c.databaseName)} = ?`);
    if (options.bumpVersion) sets.push(`${quote(manager, 'version')} = ${quote(manager, 'version')} + 1`);
    return { sql: `UPDATE ${quote(manager, metadata.tableName)} SET ${sets.join(', ')} WHERE ${quote(manager, 'id')} = ?`, columns };
  });
  await manager.query(sql, [...valuesOf(manager, columns, changes), id]);
}

/** DELETE FROM <table> WHERE <column> = ?. */
export async function deleteWhere<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, column: keyof T & string, value: number): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const { sql } = cached(metadata, `delete:${column}`, () => ({
    sql: `DELETE FROM ${quote(manager, metadata.tableName)} WHERE ${quote(manager, columnsOf(metadata, [column])[0].databaseName)} = ?`, columns: [],
  }));
  await manager.query(sql, [value]);
}
