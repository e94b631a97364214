import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { placeholders, queryRows } from './plain-rows';
import { isBackward, Page, PageRequest, pageSize, toPage, TotalCount } from './page';

export type { TotalCount } from './page';

/**
 * Equality filters by column. Absent and null both mean "no filter": GraphQL hands a resolver null for
 * an optional argument the client sent as null (`plans(status: null)`), which is the client asking for
 * no filter, not for rows whose column is NULL.
 */
export type Filter = Record<string, string | number | null | undefined>;

/**
 * The keyset bounds and the equality filters (null or undefined = no filter) as SQL conditions on `alias`,
 * with their parameters. Column names come from our own code; values are parameters.
 */
function bounds(page: PageRequest, filter: Filter, alias: string): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    params.push(value);
  };
  if (page.afterId !== undefined) add(`${alias}.id > ?`, page.afterId);
  if (page.beforeId !== undefined) add(`${alias}.id < ?`, page.beforeId);
  for (const [column, value] of Object.entries(filter)) {
    if (value != null) add(`${alias}.${column} = ?`, value);
  }
  return { conditions, params };
}

const and = (conditions: string[]): string => (conditions.length ? conditions.join(' AND ') : '1 = 1');

/** One page of a single list (a root connection, or one parent's children): one statement. */
export async function fetchPage<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, page: PageRequest, filter: Filter,
): Promise<Page<T>> {
  const { conditions, params } = bounds(page, filter, 'e');
  const rows = await queryRows(dataSource, entity,
    (table) => `SELECT e.* FROM ${table} e WHERE ${and(conditions)} ORDER BY e.id ${isBackward(page) ? 'DESC' : 'ASC'} LIMIT ?`,
    [...params, pageSize(page) + 1]);
  return toPage(rows, page);
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
  const { conditions, params } = bounds(page, filter, 'i');
  const rows = await queryRows(dataSource, entity, (table) => `SELECT e.* FROM ${table} e INNER JOIN (`
    + `SELECT i.id, ROW_NUMBER() OVER (PARTITION BY i.${parentColumn} ORDER BY i.id ${direction}) AS rn FROM ${table} i `
    + `WHERE ${and([`i.${parentColumn} IN (${placeholders(parentIds)})`, ...conditions])}`
    + `) w ON w.id = e.id WHERE w.rn <= ? ORDER BY e.${parentColumn} ASC, e.id ${direction}`,
  [...parentIds, ...params, pageSize(page) + 1]);
  const grouped = groupBy(rows, (row) => row[parentColumn] as number);
  return new Map(parentIds.map((id) => [id, toPage(grouped.get(id) ?? [], page)]));
}

const capped = (rows: number, cap: number): TotalCount => ({ count: Math.min(rows, cap), exact: rows <= cap });

/**
 * The rows of one list matching `conditions`, at most cap + 1 of them (the one beyond the cap tells
 * "more" from "exactly cap"). No ORDER BY: the database reads the first cap + 1 entries of whichever
 * index serves the filters, so the work is bounded by the cap, not by the size of the list.
 */
const boundedRows = (table: string, select: string, conditions: string[]) => `SELECT ${select} FROM ${table} e WHERE ${and(conditions)} LIMIT ?`;

/** totalCount of a single list (a root connection), counted up to `cap`: one statement. */
export async function countUpTo<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, filter: Filter, cap: number,
): Promise<TotalCount> {
  const { conditions, params } = bounds({}, filter, 'e');
  const table = dataSource.getMetadata(entity).tableName;
  const [row]: { n: number | string }[] = await dataSource.query(
    `SELECT COUNT(*) AS n FROM (${boundedRows(table, '1 AS one', conditions)}) t`, [...params, cap + 1]);
  return capped(Number(row.n), cap);
}

/**
 * totalCount of many parents' lists in ONE statement, each counted up to `cap`: a bounded count per
 * parent (a window over the parents' rows would number every row before any limit applies), glued
 * with UNION ALL. The LIMIT sits in a derived table so that both MySQL and SQLite accept it.
 * SQLite takes at most 500 terms in one compound SELECT: the loaders' batches (MAX_BATCH) are no larger.
 */
export async function countByParent<T extends ObjectLiteral>(
  dataSource: DataSource, entity: EntityTarget<T>, parentColumn: string, parentIds: readonly number[], filter: Filter, cap: number,
): Promise<Map<number, TotalCount>> {
  const { conditions, params } = bounds({}, filter, 'e');
  const table = dataSource.getMetadata(entity).tableName;
  const perParent = boundedRows(table, '1 AS one', [`e.${parentColumn} = ?`, ...conditions]);
  const counts: { parent: number | string; n: number | string }[] = await dataSource.query(
    parentIds.map((_, i) => `SELECT ? AS parent, COUNT(*) AS n FROM (${perParent}) p${i}`).join(' UNION ALL '),
    parentIds.flatMap((id) => [id, id, ...params, cap + 1]));
  const byParent = new Map(counts.map((c) => [Number(c.parent), Number(c.n)]));
  return new Map(parentIds.map((id) => [id, capped(byParent.get(id) ?? 0, cap)]));
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
