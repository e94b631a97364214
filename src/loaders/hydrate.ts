import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Rows as plain objects of the entity's shape, converted column by column with the driver's own
 * hydration (transformers, dates) but without TypeORM's entity transformer, which builds relation
 * maps and class instances and was the largest cost of a nested read after GraphQL itself.
 */
export async function getPlainRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const driver = qb.connection.driver;
  const relations = new Set(metadata.relations.map((r) => r.propertyName));
  const columns = metadata.columns
    .filter((c) => !relations.has(c.propertyName))
    .map((c) => ({ column: c, property: c.propertyName, key: `${qb.alias}_${c.databaseName}` }));
  const raws = await qb.getRawMany<Record<string, unknown>>();
  return raws.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const { column, property, key } of columns) row[property] = driver.prepareHydratedValue(raw[key], column);
    return row as T;
  });
}
