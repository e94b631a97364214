import type { DataSource } from 'typeorm';
import { Merchant, Plan } from '../../entities';
import { partnerScope, Viewer } from '../auth/viewer';
import type { PageRequest } from '../db/page';
import { fetchPage, Filter } from '../db/paged-query';

/** Root lists, confined to the viewer's partner in the statement itself. */
const scoped = (viewer: Viewer, filter: Filter = {}): Filter => ({ ...filter, partnerId: partnerScope(viewer) ?? undefined });

/** As in paged-query's Filter: null or undefined is no filter. */
function definedOnly(filter: Filter): Record<string, string | number> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v != null)) as Record<string, string | number>;
}

/** The root connections (merchants, plans) of a viewer, read page by page with keyset cursors. */
export class PortfolioQueries {
  constructor(private readonly dataSource: DataSource) {}

  merchants(viewer: Viewer, page: PageRequest) {
    return fetchPage(this.dataSource, Merchant, page, scoped(viewer));
  }

  countMerchants(viewer: Viewer) {
    return this.dataSource.getRepository(Merchant).countBy(definedOnly(scoped(viewer)));
  }

  plans(viewer: Viewer, page: PageRequest, status?: string) {
    return fetchPage(this.dataSource, Plan, page, scoped(viewer, { status }));
  }

  countPlans(viewer: Viewer, status?: string) {
    return this.dataSource.getRepository(Plan).countBy(definedOnly(scoped(viewer, { status })));
  }
}
