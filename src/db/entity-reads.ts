import type { ObjectLiteral } from 'typeorm';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
} from '../../entities';
import { isBackward, Page, PageRequest, pageSize, toPage, TotalCount } from './page';
import { placeholders } from './sql/shapes';
import type { StatementRunner } from './sql/statement-runner';
import type { Column, Table, Where } from './table';
import type { EntityClass } from './tables';

/**
 * How a row is confined to one partner: its own column, its plan's partner, or its application's.
 * The one declaration of tenant scope: every read that takes a partner applies it in the statement
 * itself, so another partner's row is never loaded and comes back exactly like a missing one.
 */
type PartnerPath<T> = { own: Column<T> } | { viaPlan: Column<T> } | { viaApplication: Column<T> };

const PARTNER_PATHS = new Map<Function, PartnerPath<never>>([
  [Partner, { own: 'id' }], [ApiKey, { own: 'partnerId' }], [Merchant, { own: 'partnerId' }], [FinancingProgram, { own: 'partnerId' }],
  [Application, { own: 'partnerId' }], [Plan, { own: 'partnerId' }],
  [Installment, { viaPlan: 'planId' }], [Repayment, { viaPlan: 'planId' }], [Refund, { viaPlan: 'planId' }], [PlanEvent, { viaPlan: 'planId' }],
  [Offer, { viaApplication: 'applicationId' }],
] as [Function, PartnerPath<never>][]);

/** Bounded so one request never builds an IN list larger than MySQL handles comfortably (SQLite: 500 terms per compound SELECT). */
export const MAX_BATCH = 500;

/** A row of an entity with a generated id: what the generic reads serve. */
export type EntityRow = ObjectLiteral & { id: number };

/**
 * The reads behind every loader and root list, for any entity, on the database the caller was given
 * (an analyst's may be the read replica): rows by id, all children of many parents, keyset pages of
 * one list or of many parents' lists, and counts bounded by a cap. A `partnerId` (null: every
 * partner) confines rows to that partner in the statement.
 *
 * Each read is a statement template over any entity's table, written below as SQL with names from
 * the entity metadata; what varies with a call (a list's length, which bounds and filters it has,
 * the direction) is its shape, and each table keeps the text of each shape it has met
 * (Table.statement), so a call builds its parameters, never its SQL.
 */
export class EntityReads {
  constructor(private readonly sql: StatementRunner) {}

  /** Rows by id, in the order asked; null where none is visible (missing, or another partner's). */
  async byIds<T extends EntityRow>(entity: EntityClass<T>, ids: readonly number[], partnerId: number | null): Promise<(T | null)[]> {
    const table = this.sql.tables.of(entity);
    const scoped = partnerId !== null;
    const sql = table.statement(`byIds:${ids.length}:${scoped}`, () => `SELECT e.* FROM ${table} e WHERE e.${id(table)} IN (${placeholders(ids)})`
      + (scoped ? ` AND ${this.#partnerCondition(table, entity, 'e')}` : ''));
    const found = await this.sql.rows(table, sql, scoped ? [...ids, partnerId] : ids);
    const rows = new Map(found.map((row) => [row.id, row]));
    return ids.map((rowId) => rows.get(rowId) ?? null);
  }

  /**
   * Every child of each parent, for small bounded lists (a plan's installments). Unscoped: callers
   * reach children only through a parent that a scoped read returned.
   */
  async children<T extends EntityRow>(entity: EntityClass<T>, parent: Column<T>, parentIds: readonly number[], order: Column<T> = 'id' as Column<T>): Promise<T[][]> {
    const table = this.sql.tables.of(entity);
    const sql = table.statement(`children:${parent}:${order}:${parentIds.length}`, () =>
      `SELECT e.* FROM ${table} e WHERE e.${table.column(parent)} IN (${placeholders(parentIds)}) ORDER BY e.${table.column(parent)}, e.${table.column(order)}`);
    const grouped = groupBy(await this.sql.rows(table, sql, parentIds), (row) => row[parent] as number);
    return parentIds.map((parentId) => grouped.get(parentId) ?? []);
  }

  /** One page of a root list, by id, one row more than asked to learn whether another page exists. */
  async page<T extends EntityRow>(entity: EntityClass<T>, partnerId: number | null, page: PageRequest, filter: Where<T> = {}): Promise<Page<T>> {
    const table = this.sql.tables.of(entity);
    return this.#pageOf(table, entity, page, shapeOf(table, page, filter, partnerId));
  }

  /**
   * A root list's totalCount up to `cap`, counted over a derived table of at most cap + 1 rows. No
   * ORDER BY: the database reads the first cap + 1 entries of whichever index serves the filters, so
   * the work is bounded by the cap, not by the list.
   */
  async count<T extends EntityRow>(entity: EntityClass<T>, partnerId: number | null, filter: Where<T>, cap: number): Promise<TotalCount> {
    const table = this.sql.tables.of(entity);
    const shape = shapeOf(table, {}, filter, partnerId);
    const sql = table.statement(`count:${shape.key}`, () => {
      const { conditions, hint } = this.#conditions(table, entity, 'e', shape);
      return `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM ${table} e${hint} WHERE ${and(conditions)} LIMIT ?) t`;
    });
    const [row] = await this.sql.values<{ n: number | string }>(sql, [...shape.params, cap + 1]);
    return capped(Number(row.n), cap);
  }

  /**
   * The same page of many parents' lists in ONE statement: ROW_NUMBER() over each parent's rows keeps
   * the first (or last) n + 1 of every parent, so N parents cost what one does. Unscoped, like children.
   */
  async pagesByParent<T extends EntityRow>(
    entity: EntityClass<T>, parent: Column<T>, parentIds: readonly number[], page: PageRequest, filter: Where<T>,
  ): Promise<Page<T>[]> {
    const table = this.sql.tables.of(entity);
    // One parent (the usual merchant -> plans): a plain LIMIT on the (parent, id) index is far cheaper
    // for the database than numbering every row of the parent.
    if (parentIds.length === 1) return [await this.#pageOf(table, entity, page, shapeOf(table, page, { ...filter, [parent]: parentIds[0] }, null))];
    const direction = isBackward(page) ? 'DESC' : 'ASC';
    const shape = shapeOf(table, page, filter, null);
    const sql = table.statement(`pagesByParent:${parent}:${parentIds.length}:${direction}:${shape.key}`, () => {
      const { conditions } = this.#conditions(table, entity, 'i', shape);
      const parentColumn = table.column(parent);
      return `SELECT e.* FROM ${table} e INNER JOIN (`
        + `SELECT i.${id(table)}, ROW_NUMBER() OVER (PARTITION BY i.${parentColumn} ORDER BY i.${id(table)} ${direction}) AS rn FROM ${table} i `
        + `WHERE ${and([`i.${parentColumn} IN (${placeholders(parentIds)})`, ...conditions])}`
        + `) w ON w.${id(table)} = e.${id(table)} WHERE w.rn <= ? ORDER BY e.${parentColumn} ASC, e.${id(table)} ${direction}`;
    });
    const rows = await this.sql.rows(table, sql, [...parentIds, ...shape.params, pageSize(page) + 1]);
    const grouped = groupBy(rows, (row) => row[parent] as number);
    return parentIds.map((parentId) => toPage(grouped.get(parentId) ?? [], page));
  }

  /**
   * totalCount of many parents' lists in ONE statement, each counted up to `cap`: a bounded count per
   * parent (a window over the parents' rows would number every row before any limit applies), glued
   * with UNION ALL. The LIMIT sits in a derived table so that both MySQL and SQLite accept it.
   * SQLite takes at most 500 terms in one compound SELECT: loaders' batches (MAX_BATCH) are no larger.
   */
  async countsByParent<T extends EntityRow>(
    entity: EntityClass<T>, parent: Column<T>, parentIds: readonly number[], filter: Where<T>, cap: number,
  ): Promise<TotalCount[]> {
    const table = this.sql.tables.of(entity);
    const shape = shapeOf(table, {}, filter, null);
    const sql = table.statement(`countsByParent:${parent}:${parentIds.length}:${shape.key}`, () => {
      const { conditions } = this.#conditions(table, entity, 'e', shape);
      const perParent = `SELECT 1 AS one FROM ${table} e WHERE ${and([`e.${table.column(parent)} = ?`, ...conditions])} LIMIT ?`;
      return parentIds.map((_, i) => `SELECT ? AS parent, COUNT(*) AS n FROM (${perParent}) p${i}`).join(' UNION ALL ');
    });
    const params: unknown[] = [];
    for (const parentId of parentIds) params.push(parentId, parentId, ...shape.params, cap + 1);
    const counts = await this.sql.values<{ parent: number | string; n: number | string }>(sql, params);
    const byParent = new Map(counts.map((c) => [Number(c.parent), Number(c.n)]));
    return parentIds.map((parentId) => capped(byParent.get(parentId) ?? 0, cap));
  }

  async #pageOf<T extends EntityRow>(table: Table<T>, entity: EntityClass<T>, page: PageRequest, shape: Shape<T>): Promise<Page<T>> {
    const direction = isBackward(page) ? 'DESC' : 'ASC';
    const sql = table.statement(`page:${direction}:${shape.key}`, () => {
      const { conditions, hint } = this.#conditions(table, entity, 'e', shape);
      return `SELECT e.* FROM ${table} e${hint} WHERE ${and(conditions)} ORDER BY e.${id(table)} ${direction} LIMIT ?`;
    });
    return toPage(await this.sql.rows(table, sql, [...shape.params, pageSize(page) + 1]), page);
  }

  /**
   * A shape's keyset bounds, equality filters and partner scope as conditions on `alias`, in the
   * order of its parameters, with the index hint for those equalities (Table.keysetIndexHint): the
   * filters' columns and the entity's own partner column; a scope through a parent is an EXISTS,
   * which no index of this table serves, so it gets no hint.
   */
  #conditions<T extends EntityRow>(table: Table<T>, entity: EntityClass<T>, alias: string, shape: Shape<T>): { conditions: string[]; hint: string } {
    const conditions: string[] = [];
    if (shape.after) conditions.push(`${alias}.${id(table)} > ?`);
    if (shape.before) conditions.push(`${alias}.${id(table)} < ?`);
    for (const column of shape.filters) conditions.push(`${alias}.${table.column(column)} = ?`);
    const equalities: string[] = [...shape.filters];
    let hinted = true;
    if (shape.scoped) {
      conditions.push(this.#partnerCondition(table, entity, alias));
      const path = PARTNER_PATHS.get(entity) as PartnerPath<T> | undefined;
      if (path && 'own' in path) equalities.push(path.own);
      else hinted = false;
    }
    return { conditions, hint: hinted ? table.keysetIndexHint(equalities) : '' };
  }

  /** The condition confining `alias` to the partner bound as the next parameter. */
  #partnerCondition<T extends EntityRow>(table: Table<T>, entity: EntityClass<T>, alias: string): string {
    const path = PARTNER_PATHS.get(entity) as PartnerPath<T> | undefined;
    if (!path) throw new Error(`${entity.name} has no partner scope: read it through a scoped parent`);
    if ('own' in path) return `${alias}.${table.column(path.own)} = ?`;
    const [parent, column] = 'viaPlan' in path ? [this.sql.tables.of(Plan), path.viaPlan] : [this.sql.tables.of(Application), path.viaApplication];
    return `EXISTS (SELECT 1 FROM ${parent} p WHERE p.${parent.column('id')} = ${alias}.${table.column(column)} AND p.${parent.column('partnerId')} = ?)`;
  }
}

/**
 * What a read's conditions are made of in one call: which keyset bounds, which equality filters
 * (null or undefined: no filter) and whether a partner scope apply, as a key for its statement's
 * text, and their parameters in order.
 */
interface Shape<T> { key: string; params: unknown[]; after: boolean; before: boolean; filters: Column<T>[]; scoped: boolean }

function shapeOf<T extends EntityRow>(table: Table<T>, page: PageRequest, filter: Where<T>, partnerId: number | null): Shape<T> {
  const params: unknown[] = [];
  const after = page.afterId !== undefined;
  const before = page.beforeId !== undefined;
  if (after) params.push(page.afterId);
  if (before) params.push(page.beforeId);
  const filters: Column<T>[] = [];
  for (const column of Object.keys(filter) as Column<T>[]) {
    const value = filter[column];
    if (value == null) continue;
    filters.push(column);
    params.push(table.persist(column, value));
  }
  const scoped = partnerId !== null;
  if (scoped) params.push(partnerId);
  return { key: `${after ? '>' : ''}${before ? '<' : ''}[${filters.join(',')}]${scoped ? 'p' : ''}`, params, after, before, filters, scoped };
}

const id = <T extends EntityRow>(table: Table<T>): string => table.column('id' as Column<T>);
const and = (conditions: string[]): string => (conditions.length ? conditions.join(' AND ') : '1 = 1');

const capped = (rows: number, cap: number): TotalCount => ({ count: Math.min(rows, cap), exact: rows <= cap });

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
