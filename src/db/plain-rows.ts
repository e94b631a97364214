import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

type Hydrate = (value: unknown, column: ColumnMetadata) => unknown;
type RowMapper = (raw: Record<string, unknown>, hydrate: Hydrate, columns: ColumnMetadata[]) => ObjectLiteral;

const mappers = new WeakMap<EntityMetadata, Map<string, { map: RowMapper; columns: ColumnMetadata[] }>>();

/**
 * A mapper compiled once per entity and raw-column prefix: constant property names give V8 one object
 * shape and monomorphic reads, where a loop over column names was a tenth of a nested read's CPU.
 * Names come from entity metadata (our own code), never from input.
 */
function mapperFor(metadata: EntityMetadata, prefix: string) {
  let byPrefix = mappers.get(metadata);
  if (!byPrefix) mappers.set(metadata, (byPrefix = new Map()));
  let mapper = byPrefix.get(prefix);
  if (!mapper) {
    const relations = new Set(metadata.relations.map((r) => r.propertyName));
    const columns = metadata.columns.filter((c) => !relations.has(c.propertyName));
    const fields = columns.map((c, i) => {
      const value = `raw[${JSON.stringify(prefix + c.databaseName)}]`;
      return `${JSON.stringify(c.propertyName)}: ${arrivesFinal(c) ? value : `hydrate(${value}, columns[${i}])`}`;
    });
    const map = new Function('raw', 'hydrate', 'columns', `return { ${fields.join(', ')} };`) as RowMapper;
    byPrefix.set(prefix, (mapper = { map, columns }));
  }
  return mapper;
}

/** Both drivers hand ints and strings over as they are; only dates, money and ids need converting. */
const arrivesFinal = (column: ColumnMetadata): boolean => !column.transformer && (column.type === 'int' || column.type === 'varchar');

function hydrateRows<T>(driver: Driver, metadata: EntityMetadata, prefix: string, raws: Record<string, unknown>[]): T[] {
  const { map, columns } = mapperFor(metadata, prefix);
  const hydrate: Hydrate = (value, column) => driver.prepareHydratedValue(value, column);
  return raws.map((raw) => map(raw, hydrate, columns) as T);
}

/**
 * Rows as plain objects of the entity's shape, converted column by column with the driver's own
 * hydration (transformers, dates) but without TypeORM's entity transformer, which builds relation
 * maps and class instances and was the largest cost of a nested read after GraphQL itself.
 */
export async function getPlainRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const raws = await qb.getRawMany<Record<string, unknown>>();
  return hydrateRows(qb.connection.driver, qb.expressionMap.mainAlias!.metadata, `${qb.alias}_`, raws);
}

/**
 * `SELECT * FROM <table> WHERE a = ? AND … ORDER BY …`, hydrated like getPlainRows, without building
 * the statement through the query builder: for the few statements every money movement runs. Column
 * and table names come from our own code and entity metadata; values are always parameters.
 */
export async function selectRows<T extends ObjectLiteral>(
  manager: EntityManager, entity: EntityTarget<T>, where: Record<string, number>, options: { orderBy?: string; forUpdate?: boolean } = {},
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(entity);
  const columns = Object.keys(where);
  const sql = `SELECT * FROM ${metadata.tableName} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')}`
    + (options.orderBy ? ` ORDER BY ${options.orderBy}` : '')
    // SQLite has no row locks; its writes are serialized instead.
    + (options.forUpdate && manager.connection.driver.options.type === 'mysql' ? ' FOR UPDATE' : '');
  const raws: Record<string, unknown>[] = await manager.query(sql, columns.map((c) => where[c]));
  return hydrateRows(manager.connection.driver, metadata, '', raws);
}
