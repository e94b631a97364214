import { Merchant, Plan } from '../../entities';
import { partnerScope, Viewer } from '../auth/viewer';
import type { PageRequest, TotalCount } from '../db/page';
import type { ReadRouting } from '../db/replica';
import type { PlanStatus } from '../engine';

/**
 * The root connections (merchants, plans) of a viewer, read page by page with keyset cursors, from
 * the database that serves the viewer's reads (an analyst's may be the replica) and confined to the
 * viewer's partner by the repository in the statement itself. Plans' totalCount comes from the plan
 * status counters, exact; merchants' is counted exactly up to `countCap` (TOTAL_COUNT_CAP).
 */
export class PortfolioQueries {
  constructor(private readonly routing: ReadRouting, private readonly countCap: number) {}

  merchants(viewer: Viewer, page: PageRequest) {
    return this.reads(viewer).page(Merchant, partnerScope(viewer), page);
  }

  countMerchants(viewer: Viewer) {
    return this.reads(viewer).count(Merchant, partnerScope(viewer), {}, this.countCap);
  }

  plans(viewer: Viewer, page: PageRequest, status?: PlanStatus | null) {
    return this.reads(viewer).page(Plan, partnerScope(viewer), page, { status });
  }

  /**
   * Exact, from the plan status counters (one row per merchant summed, however many plans), once
   * they are (the backfill completed); until then counted from the plans up to `countCap`.
   */
  async countPlans(viewer: Viewer, status?: PlanStatus | null): Promise<TotalCount> {
    const repositories = this.routing.readsFor(viewer);
    if (await repositories.planCounts.exact()) return { count: await repositories.planCounts.total(partnerScope(viewer), status ?? null), exact: true };
    return repositories.reads.count(Plan, partnerScope(viewer), { status }, this.countCap);
  }

  private reads(viewer: Viewer) {
    return this.routing.readsFor(viewer).reads;
  }
}
