import DataLoader from 'dataloader';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { MAX_BATCH } from './by-id.loader';
import { Page, PageRequest, pageKey } from '../db/page';
import { countByParent, fetchPagesByParent, Filter, TotalCount } from '../db/paged-query';

/**
 * One parent-keyed connection (e.g. each plan's repayments). Loads that share page arguments and
 * filters are batched into one windowed statement; totalCount, counted up to `countCap`, into one.
 */
export class PagedChildren<T extends ObjectLiteral> {
  private readonly pages = new Map<string, DataLoader<number, Page<T>>>();
  private readonly counts = new Map<string, DataLoader<number, TotalCount>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    private readonly parentColumn: string,
    private readonly countCap: number,
  ) {}

  page(parentId: number, page: PageRequest, filter: Filter = {}): Promise<Page<T>> {
    const key = pageKey(page, filter);
    let loader = this.pages.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const pages = await fetchPagesByParent(this.dataSource, this.entity, this.parentColumn, ids, page, filter);
        return ids.map((id) => pages.get(id)!);
      }, { maxBatchSize: MAX_BATCH });
      this.pages.set(key, loader);
    }
    return loader.load(parentId);
  }

  count(parentId: number, filter: Filter = {}): Promise<TotalCount> {
    const key = pageKey({}, filter);
    let loader = this.counts.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const counts = await countByParent(this.dataSource, this.entity, this.parentColumn, ids, filter, this.countCap);
        return ids.map((id) => counts.get(id)!);
      }, { maxBatchSize: MAX_BATCH });
      this.counts.set(key, loader);
    }
    return loader.load(parentId);
  }
}
