import DataLoader from 'dataloader';
import { EntityReads, EntityRow, MAX_BATCH } from '../db/entity-reads';
import type { Column } from '../db/table';
import type { EntityClass } from '../db/tables';

export { MAX_BATCH };

/**
 * Rows by id, confined to the viewer's partner in the statement itself (EntityReads.byIds): another
 * partner's row comes back as null, exactly like a missing one.
 */
export function byIdLoader<T extends EntityRow>(reads: EntityReads, entity: EntityClass<T>, partnerId: number | null): DataLoader<number, T | null> {
  return new DataLoader((ids) => reads.byIds(entity, ids, partnerId), { maxBatchSize: MAX_BATCH });
}

/**
 * All children of each parent, for small bounded lists (a plan's installments, a merchant's programs).
 * Callers reach these only through a parent that was already scoped.
 */
export function childrenLoader<T extends EntityRow>(reads: EntityReads, entity: EntityClass<T>, parent: Column<T>, order?: Column<T>): DataLoader<number, T[]> {
  return new DataLoader((parentIds) => reads.children(entity, parent, parentIds, order), { maxBatchSize: MAX_BATCH });
}
