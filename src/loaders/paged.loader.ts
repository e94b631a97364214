import DataLoader from 'dataloader';
import { EntityReads, EntityRow, MAX_BATCH } from '../db/entity-reads';
import { Page, PageRequest, pageKey, TotalCount } from '../db/page';
import type { Column, Where } from '../db/table';
import type { EntityClass } from '../db/tables';

/** Exact counts of many parents' lists from somewhere cheaper than the rows (one statement), or null to count the rows. */
export type ExactCounts<T> = (parentIds: readonly number[], filter: Where<T>) => Promise<TotalCount[] | null>;

/**
 * One parent-keyed connection (e.g. each plan's repayments). Loads that share page arguments and
 * filters are batched into one windowed statement; totalCount, counted up to `countCap` (or read
 * exact from `exactCounts`), into one.
 */
export class PagedChildren<T extends EntityRow> {
  private readonly pages = new Map<string, DataLoader<number, Page<T>>>();
  private readonly counts = new Map<string, DataLoader<number, TotalCount>>();

  constructor(
    private readonly reads: EntityReads,
    private readonly entity: EntityClass<T>,
    private readonly parent: Column<T>,
    private readonly countCap: number,
    /** Plans of merchants: their status counters (loaders.ts), when exact. */
    private readonly exactCounts: ExactCounts<T> | null = null,
  ) {}

  page(parentId: number, page: PageRequest, filter: Where<T> = {}): Promise<Page<T>> {
    const key = pageKey(page, filter);
    let loader = this.pages.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.reads.pagesByParent(this.entity, this.parent, ids, page, filter), { maxBatchSize: MAX_BATCH });
      this.pages.set(key, loader);
    }
    return loader.load(parentId);
  }

  count(parentId: number, filter: Where<T> = {}): Promise<TotalCount> {
    const key = pageKey({}, filter);
    let loader = this.counts.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => (await this.exactCounts?.(ids, filter))
        ?? this.reads.countsByParent(this.entity, this.parent, ids, filter, this.countCap), { maxBatchSize: MAX_BATCH });
      this.counts.set(key, loader);
    }
    return loader.load(parentId);
  }
}
