import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { getPlainRows } from '../db/plain-rows';
import { isBackward, Page, PageRequest, pageSize, toPage } from './page';

export type Filter = Record<string, string | number | undefined>;

/** Applies the keyset bounds and the equality filters (undefined = no filter) to a query on alias `e`. */
function applyBounds<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: PageRequest, filter: Filter, alias: string) {
  if (page.afterId !== undefined) qb.andWhere(`${alias}.id > :afterId`, { afterId: page.afterId });
  if (page.beforeId !== undefined) qb.andWhere(`${alias}.id < :beforeId`, { beforeId: page.beforeId });
  for (const [column, value] of Object.entries(filter)) {
    if (value !== undefined) qb.andWhere(`${alias}.${column} = :f_${column}`, { [`f_${column}`]: value });
  }
  return qb;
}

/** One page of a single list (a root connection, or one parent's children): one statement. */
export async function fetchPage<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, page: PageRequest, filter: Filter,
): Promise<Page<T>> {
  const qb = dataSource.getRepository(entity).createQueryBuilder('e').where('1 = 1');
  applyBounds(qb, page, filter, 'e')
    .orderBy('e.id', isBackward(page) ? 'DESC' : 'ASC')
    .limit(pageSize(page) + 1);
  return toPage(await getPlainRows(qb), page);
}

/**
 * The same page of many parents' lists in ONE statement: ROW_NUMBER() over each parent's rows keeps
 * the first (or last) n+1 of every parent, so N parents cost what one does.
 */
export async function fetchPagesByParent<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, parentColumn: string, parentIds: readonly number[],
  page: PageRequest, filter: Filter,
): Promise<Map<number, Page<T>>> {
  // One parent (the usual merchant -> plans): a plain LIMIT on the (parent, id) index is far cheaper
  // for the database than numbering every row of the parent.
  if (parentIds.length === 1) {
    return new Map([[parentIds[0], await fetchPage(dataSource, entity, page, { ...filter, [parentColumn]: parentIds[0] })]]);
  }
  const direction = isBackward(page) ? 'DESC' : 'ASC';
  const repository = dataSource.getRepository(entity);
  const table = repository.metadata.tableName;
  const inner = applyBounds(
    dataSource.createQueryBuilder()
      .select('i.id', 'id')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY i.${parentColumn} ORDER BY i.id ${direction})`, 'rn')
      .from(table, 'i')
      .where(`i.${parentColumn} IN (:...parentIds)`, { parentIds }),
    page, filter, 'i',
  );
  const rows = await getPlainRows(repository.createQueryBuilder('e')
    .innerJoin(`(${inner.getQuery()})`, 'w', 'w.id = e.id')
    .where('w.rn <= :limit', { limit: pageSize(page) + 1 })
    .setParameters(inner.getParameters())
    .orderBy(`e.${parentColumn}`, 'ASC')
    .addOrderBy('e.id', direction));
  const grouped = groupBy(rows, (row) => row[parentColumn] as number);
  return new Map(parentIds.map((id) => [id, toPage(grouped.get(id) ?? [], page)]));
}

/** totalCount of many parents' lists in one GROUP BY statement. */
export async function countByParent<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, parentColumn: string, parentIds: readonly number[], filter: Filter,
): Promise<Map<number, number>> {
  const qb = dataSource.getRepository(entity).createQueryBuilder('e')
    .select(`e.${parentColumn}`, 'parent')
    .addSelect('COUNT(*)', 'n')
    .where(`e.${parentColumn} IN (:...parentIds)`, { parentIds })
    .groupBy(`e.${parentColumn}`);
  applyBounds(qb, {}, filter, 'e');
  const counts = await qb.getRawMany<{ parent: number | string; n: number | string }>();
  return new Map(counts.map((c) => [Number(c.parent), Number(c.n)]));
}

export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
