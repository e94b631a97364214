import type { Viewer } from '../auth/viewer';
import { partnerScope } from '../auth/viewer';
import type { RequestDeadline } from '../db/deadline';
import type { ReadRouting } from '../db/replica';
import { createLoaders } from '../loaders/loaders';
import type { AsOf } from '../engine';
import type { Services } from '../services/services';
import type { GatewayContext, RequestReport } from './request-report';

/**
 * What every operation executes with: the viewer, loaders scoped to its partner (fresh per request, so
 * one request's cache never answers another's) on the database that serves the viewer's reads
 * (ReadRouting), the services, and the request's moment (the instant and its business date in the
 * lender's time zone).
 * The executor-parity test builds its contexts here too, so both executors see what the gateway gives.
 */
export function requestContext(
  reads: ReadRouting, services: Services, viewer: Viewer, report: RequestReport, moment: AsOf, countCap: number, deadline?: RequestDeadline,
): GatewayContext {
  const repositories = reads.readsFor(viewer);
  return { viewer, loaders: createLoaders(repositories.reads, partnerScope(viewer), countCap, repositories.planCounts), services, requestId: report.requestId, ...moment, report, deadline };
}
