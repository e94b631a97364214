import DataLoader from 'dataloader';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { placeholders, queryRows } from '../db/plain-rows';
import { groupBy } from '../db/paged-query';
import { Application, Plan } from '../../entities';

/** How a row is confined to one partner: its own partnerId, its plan's, or its application's. */
export type PartnerColumn = { own: string } | { viaPlan: string } | { viaApplication: string };

/** The parent entity a row is confined through; its table name is read from the entity metadata. */
const PARENT_ENTITY = { viaPlan: Plan, viaApplication: Application } as const;

/** Bounded so one request never builds an IN list larger than MySQL handles comfortably. */
export const MAX_BATCH = 500;

/**
 * Rows by id, filtered by the viewer's partner in the statement itself: another partner's row comes
 * back as null, exactly like a missing one.
 */
export function byIdLoader<T extends ObjectLiteral & { id: number }>(
  dataSource: DataSource, entity: EntityTarget<T>, partnerId: number | null, partnerColumn: PartnerColumn,
): DataLoader<number, T | null> {
  const scope = partnerId === null ? '' : partnerScope(dataSource, partnerColumn);
  const params = partnerId === null ? [] : [partnerId];
  return new DataLoader(async (ids) => {
    const found = await queryRows(dataSource, entity, (table) => `SELECT e.* FROM ${table} e WHERE e.id IN (${placeholders(ids)})${scope}`, [...ids, ...params]);
    const rows = new Map(found.map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  }, { maxBatchSize: MAX_BATCH });
}

/** ` AND …` confining `e` to the partner bound as the statement's last parameter. */
function partnerScope(dataSource: DataSource, partnerColumn: PartnerColumn): string {
  if ('own' in partnerColumn) return ` AND e.${partnerColumn.own} = ?`;
  const [via, column] = Object.entries(partnerColumn)[0] as [keyof typeof PARENT_ENTITY, string];
  const parentTable = dataSource.getMetadata(PARENT_ENTITY[via]).tableName;
  return ` AND EXISTS (SELECT 1 FROM ${parentTable} p WHERE p.id = e.${column} AND p.partnerId = ?)`;
}

/**
 * All children of each parent, for small bounded lists (a plan's installments, a merchant's programs).
 * Callers reach these only through a parent that was already scoped.
 */
export function childrenLoader<T extends ObjectLiteral & { id: number }>(
  dataSource: DataSource, entity: EntityTarget<T>, parentColumn: string, orderColumn = 'id',
): DataLoader<number, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = await queryRows(dataSource, entity,
      (table) => `SELECT e.* FROM ${table} e WHERE e.${parentColumn} IN (${placeholders(parentIds)}) ORDER BY e.${parentColumn}, e.${orderColumn}`,
      [...parentIds]);
    const grouped = groupBy(rows, (row) => row[parentColumn] as number);
    return parentIds.map((id) => grouped.get(id) ?? []);
  }, { maxBatchSize: MAX_BATCH });
}
