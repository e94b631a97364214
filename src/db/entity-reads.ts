import type { ObjectLiteral } from 'typeorm';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
} from '../../entities';
import { isBackward, Page, PageRequest, pageSize, toPage, TotalCount } from './page';
import { placeholders, Sql } from './sql';
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
 */
export class EntityReads {
  constructor(private readonly sql: Sql) {}

  /** `SELECT e.* FROM <table> e WHERE e.id IN (…) [AND <partner scope>]`; null where none is visible. */
  async byIds<T extends EntityRow>(entity: EntityClass<T>, ids: readonly number[], partnerId: number | null): Promise<(T | null)[]> {
    const table = this.sql.tables.of(entity);
    const scope = partnerId === null ? '' : ` AND ${this.partnerCondition(table, entity, 'e')}`;
    const found = await this.sql.rows(table, `SELECT e.* FROM ${table} e WHERE e.${table.column('id' as Column<T>)} IN (${placeholders(ids)})${scope}`,
      partnerId === null ? ids : [...ids, partnerId]);
    const rows = new Map(found.map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  }

  /**
   * `SELECT e.* FROM <table> e WHERE e.<parent> IN (…) ORDER BY e.<parent>, e.<order>`: every child of
   * each parent, for small bounded lists (a plan's installments). Unscoped: callers reach children
   * only through a parent that a scoped read returned.
   */
  async children<T extends EntityRow>(entity: EntityClass<T>, parent: Column<T>, parentIds: readonly number[], order: Column<T> = 'id' as Column<T>): Promise<T[][]> {
    const table = this.sql.tables.of(entity);
    const rows = await this.sql.rows(table,
      `SELECT e.* FROM ${table} e WHERE e.${table.column(parent)} IN (${placeholders(parentIds)}) ORDER BY e.${table.column(parent)}, e.${table.column(order)}`,
      parentIds);
    const grouped = groupBy(rows, (row) => row[parent] as number);
    return parentIds.map((id) => grouped.get(id) ?? []);
  }

  /** `SELECT e.* FROM <table> e WHERE <bounds, filters, scope> ORDER BY e.id LIMIT n + 1`: one page of a root list. */
  async page<T extends EntityRow>(entity: EntityClass<T>, partnerId: number | null, page: PageRequest, filter: Where<T> = {}): Promise<Page<T>> {
    const table = this.sql.tables.of(entity);
    return this.pageOf(table, page, this.conditions(table, 'e', page, filter, partnerId === null ? null : { entity, partnerId }));
  }

  /**
   * `SELECT COUNT(*) FROM (SELECT 1 FROM <table> e WHERE <filters, scope> LIMIT cap + 1)`: a root
   * list's totalCount up to `cap`. No ORDER BY: the database reads the first cap + 1 entries of
   * whichever index serves the filters, so the work is bounded by the cap, not by the list.
   */
  async count<T extends EntityRow>(entity: EntityClass<T>, partnerId: number | null, filter: Where<T>, cap: number): Promise<TotalCount> {
    const table = this.sql.tables.of(entity);
    const { conditions, params, hint } = this.conditions(table, 'e', {}, filter, partnerId === null ? null : { entity, partnerId });
    const [row] = await this.sql.values<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM ${table} e${hint} WHERE ${and(conditions)} LIMIT ?) t`, [...params, cap + 1]);
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
    if (parentIds.length === 1) return [await this.pageOf(table, page, this.conditions(table, 'e', page, { ...filter, [parent]: parentIds[0] }, null))];
    const direction = isBackward(page) ? 'DESC' : 'ASC';
    const { conditions, params } = this.conditions(table, 'i', page, filter, null);
    const id = table.column('id' as Column<T>);
    const parentColumn = table.column(parent);
    const rows = await this.sql.rows(table, `SELECT e.* FROM ${table} e INNER JOIN (`
      + `SELECT i.${id}, ROW_NUMBER() OVER (PARTITION BY i.${parentColumn} ORDER BY i.${id} ${direction}) AS rn FROM ${table} i `
      + `WHERE ${and([`i.${parentColumn} IN (${placeholders(parentIds)})`, ...conditions])}`
      + `) w ON w.${id} = e.${id} WHERE w.rn <= ? ORDER BY e.${parentColumn} ASC, e.${id} ${direction}`,
    [...parentIds, ...params, pageSize(page) + 1]);
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
    const { conditions, params } = this.conditions(table, 'e', {}, filter, null);
    const perParent = `SELECT 1 AS one FROM ${table} e WHERE ${and([`e.${table.column(parent)} = ?`, ...conditions])} LIMIT ?`;
    const counts = await this.sql.values<{ parent: number | string; n: number | string }>(
      parentIds.map((_, i) => `SELECT ? AS parent, COUNT(*) AS n FROM (${perParent}) p${i}`).join(' UNION ALL '),
      parentIds.flatMap((id) => [id, id, ...params, cap + 1]));
    const byParent = new Map(counts.map((c) => [Number(c.parent), Number(c.n)]));
    return parentIds.map((id) => capped(byParent.get(id) ?? 0, cap));
  }

  private async pageOf<T extends EntityRow>(table: Table<T>, page: PageRequest, { conditions, params, hint }: Conditions): Promise<Page<T>> {
    const rows = await this.sql.rows(table,
      `SELECT e.* FROM ${table} e${hint} WHERE ${and(conditions)} ORDER BY e.${table.column('id' as Column<T>)} ${isBackward(page) ? 'DESC' : 'ASC'} LIMIT ?`,
      [...params, pageSize(page) + 1]);
    return toPage(rows, page);
  }

  /**
   * The keyset bounds, the equality filters (null or undefined: no filter) and the partner scope as
   * conditions on `alias`, with the index hint for those equalities (Table.keysetIndexHint): the
   * filters' columns and the entity's own partner column; a scope through a parent is an EXISTS,
   * which no index of this table serves, so it gets no hint.
   */
  private conditions<T extends EntityRow>(
    table: Table<T>, alias: string, page: PageRequest, filter: Where<T>, scope: { entity: EntityClass<T>; partnerId: number } | null,
  ): Conditions {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    const id = table.column('id' as Column<T>);
    if (page.afterId !== undefined) add(`${alias}.${id} > ?`, page.afterId);
    if (page.beforeId !== undefined) add(`${alias}.${id} < ?`, page.beforeId);
    const equalities: string[] = [];
    for (const column of Object.keys(filter) as Column<T>[]) {
      const value = filter[column];
      if (value == null) continue;
      add(`${alias}.${table.column(column)} = ?`, table.persist(column, value));
      equalities.push(column);
    }
    let hinted = true;
    if (scope) {
      add(this.partnerCondition(table, scope.entity, alias), scope.partnerId);
      const path = PARTNER_PATHS.get(scope.entity) as PartnerPath<T> | undefined;
      if (path && 'own' in path) equalities.push(path.own);
      else hinted = false;
    }
    return { conditions, params, hint: hinted ? table.keysetIndexHint(equalities) : '' };
  }

  /** The condition confining `alias` to the partner bound as the next parameter, built once per table and alias. */
  private partnerCondition<T extends EntityRow>(table: Table<T>, entity: EntityClass<T>, alias: string): string {
    return table.statement(`partner:${alias}`, () => {
      const path = PARTNER_PATHS.get(entity) as PartnerPath<T> | undefined;
      if (!path) throw new Error(`${entity.name} has no partner scope: read it through a scoped parent`);
      if ('own' in path) return `${alias}.${table.column(path.own)} = ?`;
      const [parent, column] = 'viaPlan' in path ? [this.sql.tables.of(Plan), path.viaPlan] : [this.sql.tables.of(Application), path.viaApplication];
      return `EXISTS (SELECT 1 FROM ${parent} p WHERE p.${parent.column('id')} = ${alias}.${table.column(column)} AND p.${parent.column('partnerId')} = ?)`;
    });
  }
}

interface Conditions { conditions: string[]; params: unknown[]; hint: string }

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
