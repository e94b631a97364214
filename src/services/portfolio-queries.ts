import type { DataSource } from 'typeorm';
import { Merchant, Plan } from '../../entities';
import { partnerScope, Viewer } from '../auth/viewer';
import type { PageRequest } from '../db/page';
import { countUpTo, fetchPage, Filter } from '../db/paged-query';

/** Root lists, confined to the viewer's partner in the statement itself. */
const scoped = (viewer: Viewer, filter: Filter = {}): Filter => ({ ...filter, partnerId: partnerScope(viewer) ?? undefined });

/**
 * The root connections (merchants, plans) of a viewer, read page by page with keyset cursors;
 * totalCount is counted exactly up to `countCap` (TOTAL_COUNT_CAP).
 */
export class PortfolioQueries {
  constructor(private readonly dataSource: DataSource, private readonly countCap: number) {}

  merchants(viewer: Viewer, page: PageRequest) {
    return fetchPage(this.dataSource, Merchant, page, scoped(viewer));
  }

  countMerchants(viewer: Viewer) {
    return countUpTo(this.dataSource, Merchant, scoped(viewer), this.countCap);
  }

  plans(viewer: Viewer, page: PageRequest, status?: string) {
    return fetchPage(this.dataSource, Plan, page, scoped(viewer, { status }));
  }

  countPlans(viewer: Viewer, status?: string) {
    return countUpTo(this.dataSource, Plan, scoped(viewer, { status }), this.countCap);
  }
}
