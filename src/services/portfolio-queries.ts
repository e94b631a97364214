import { DataSource } from 'typeorm';
import { Merchant, Plan } from '../../entities';
import { partnerScope, Viewer } from '../auth/viewer';
import type { PageRequest } from '../loaders/page';
import { fetchPage, Filter } from '../loaders/paged-query';

/** Root lists, confined to the viewer's partner in the statement itself. */
const scoped = (viewer: Viewer, filter: Filter = {}): Filter => ({ ...filter, partnerId: partnerScope(viewer) ?? undefined });

export const pageOfMerchants = (ds: DataSource, viewer: Viewer, page: PageRequest) =>
  fetchPage(ds, Merchant, page, scoped(viewer));

export const countMerchants = (ds: DataSource, viewer: Viewer) =>
  ds.getRepository(Merchant).countBy(definedOnly(scoped(viewer)));

export const pageOfPlans = (ds: DataSource, viewer: Viewer, page: PageRequest, status?: string) =>
  fetchPage(ds, Plan, page, scoped(viewer, { status }));

export const countPlans = (ds: DataSource, viewer: Viewer, status?: string) =>
  ds.getRepository(Plan).countBy(definedOnly(scoped(viewer, { status })));

function definedOnly(filter: Filter): Record<string, string | number> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
}
