import { Merchant, Plan } from '../../entities';
import { partnerScope, Viewer } from '../auth/viewer';
import type { PageRequest } from '../db/page';
import { countUpTo, fetchPage, Filter } from '../db/paged-query';
import type { ReadRouting } from '../db/replica';

/** Root lists, confined to the viewer's partner in the statement itself. */
const scoped = (viewer: Viewer, filter: Filter = {}): Filter => ({ ...filter, partnerId: partnerScope(viewer) ?? undefined });

/**
 * The root connections (merchants, plans) of a viewer, read page by page with keyset cursors, from
 * the database that serves the viewer's reads (an analyst's may be the replica); totalCount is
 * counted exactly up to `countCap` (TOTAL_COUNT_CAP).
 */
export class PortfolioQueries {
  constructor(private readonly reads: ReadRouting, private readonly countCap: number) {}

  merchants(viewer: Viewer, page: PageRequest) {
    return fetchPage(this.reads.readSource(viewer), Merchant, page, scoped(viewer));
  }

  countMerchants(viewer: Viewer) {
    return countUpTo(this.reads.readSource(viewer), Merchant, scoped(viewer), this.countCap);
  }

  plans(viewer: Viewer, page: PageRequest, status?: string) {
    return fetchPage(this.reads.readSource(viewer), Plan, page, scoped(viewer, { status }));
  }

  countPlans(viewer: Viewer, status?: string) {
    return countUpTo(this.reads.readSource(viewer), Plan, scoped(viewer, { status }), this.countCap);
  }
}
