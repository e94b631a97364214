import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

type Hydrate = (value: unknown, column: ColumnMetadata) => unknown;
type RowMapper = (raw: Record<string, unknown>, hydrate: Hydrate, columns: ColumnMetadata[]) => ObjectLiteral;

const mappers = new WeakMap<EntityMetadata, Map<string, { map: RowMapper; columns: ColumnMetadata[] }>>();

/**
 * A mapper compiled once per entity and alias: constant property names give V8 one object shape and
 * monomorphic reads, where a loop over column names was a tenth of a nested read's CPU. Names come
 * from entity metadata (our own code), never from input.
 */
function mapperFor(metadata: EntityMetadata, alias: string) {
  let byAlias = mappers.get(metadata);
  if (!byAlias) mappers.set(metadata, (byAlias = new Map()));
  let mapper = byAlias.get(alias);
  if (!mapper) {
    const relations = new Set(metadata.relations.map((r) => r.propertyName));
    const columns = metadata.columns.filter((c) => !relations.has(c.propertyName));
    const fields = columns.map((c, i) => `${JSON.stringify(c.propertyName)}: hydrate(raw[${JSON.stringify(`${alias}_${c.databaseName}`)}], columns[${i}])`);
    const map = new Function('raw', 'hydrate', 'columns', `return { ${fields.join(', ')} };`) as RowMapper;
    byAlias.set(alias, (mapper = { map, columns }));
  }
  return mapper;
}

/**
 * Rows as plain objects of the entity's shape, converted column by column with the driver's own
 * hydration (transformers, dates) but without TypeORM's entity transformer, which builds relation
 * maps and class instances and was the largest cost of a nested read after GraphQL itself.
 */
export async function getPlainRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const { map, columns } = mapperFor(qb.expressionMap.mainAlias!.metadata, qb.alias);
  const driver = qb.connection.driver;
  const hydrate: Hydrate = (value, column) => driver.prepareHydratedValue(value, column);
  const raws = await qb.getRawMany<Record<string, unknown>>();
  return raws.map((raw) => map(raw, hydrate, columns) as T);
}
