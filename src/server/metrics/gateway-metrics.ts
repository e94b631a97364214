import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestReport } from '../request-report';
import { LabelBudget } from './label-budget';
import { OperationKind, operationLabel } from './operation-names';
import { httpOutcome, RequestOutcome } from './request-outcome';

/**
 * Request latency buckets, in seconds. The SLO thresholds (reads 0.3 s, mutations 1 s; docs/slo.md)
 * are bucket bounds, so "good" requests are counted exactly by `le="0.3"` and `le="1"` instead of
 * being interpolated; the buckets around them are dense enough to see a latency shift before it
 * burns the budget, and the tail up to 10 s shows how bad a bad minute is.
 */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5, 10];
/** One SQL statement: sub-millisecond on a warm MariaDB, a second is already a stuck lock. */
const QUERY_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const MAINTENANCE_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60];

/** Partner ids are rows of the partners table (tens); the budget only guards against a bug. */
const MAX_PARTNER_LABELS = 500;
const ROUTES = new Set(['/graphql', '/healthz', '/readyz']);
const STATUSES = new Set([200, 204, 400, 401, 403, 404, 405, 406, 413, 415, 429, 500, 503]);

/**
 * Every metric of one gateway, in its own registry: tests run several gateways in one process, and
 * a per-gateway registry keeps their series apart (prom-client's global registry would collide).
 * Label children are created once per label combination and cached, so recording a request costs a
 * map lookup and two increments.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly partners = new LabelBudget(MAX_PARTNER_LABELS);
  private readonly requestChildren = new Map<string, Counter.Internal>();
  private readonly durationChildren = new Map<string, Histogram.Internal<string>>();

  readonly graphqlRequests = new Counter({
    name: 'tenor_graphql_requests_total', help: 'GraphQL requests by known operation (else "other"), kind, outcome, role and partner id',
    labelNames: ['operation', 'kind', 'outcome', 'role', 'partner'], registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'tenor_graphql_request_duration_seconds', help: 'Time from the first byte of a GraphQL request to its last byte answered',
    labelNames: ['operation', 'kind'], buckets: REQUEST_DURATION_BUCKETS, registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'tenor_http_requests_total', help: 'Requests that GraphQL did not answer: health routes, unknown paths, refusals before GraphQL',
    labelNames: ['route', 'status'], registers: [this.registry],
  });
  readonly throttledRequests = new Counter({
    name: 'tenor_throttled_requests_total', help: 'Requests refused because the API key\'s cost bucket was empty (per partner: tenor_graphql_requests_total{outcome="throttled"})',
    registers: [this.registry],
  });
  readonly idempotentReplays = new Counter({
    name: 'tenor_idempotent_replays_total', help: 'Mutations answered from their idempotency record instead of running again',
    labelNames: ['operation'], registers: [this.registry],
  });
  readonly dbQueryDuration = new Histogram({
    name: 'tenor_db_query_duration_seconds', help: 'Duration of one SQL statement (no statement text: it would be unbounded)',
    buckets: QUERY_DURATION_BUCKETS, registers: [this.registry],
  });
  readonly dependencyErrors = new Counter({
    name: 'tenor_dependency_errors_total', help: 'Failures talking to a dependency: database (requests that failed as unavailable), redis (throttle store errors)',
    labelNames: ['dependency'], registers: [this.registry],
  });
  readonly maintenanceRuns = new Counter({
    name: 'tenor_maintenance_runs_total', help: 'Maintenance runs (status sweep, idempotency purge) by result',
    labelNames: ['result'], registers: [this.registry],
  });
  readonly maintenanceDuration = new Histogram({
    name: 'tenor_maintenance_duration_seconds', help: 'Duration of one maintenance run', buckets: MAINTENANCE_DURATION_BUCKETS, registers: [this.registry],
  });
  readonly maintenanceLastSuccess = new Gauge({
    name: 'tenor_maintenance_last_success_timestamp_seconds', help: 'Unix time (wall clock) the last maintenance run succeeded', registers: [this.registry],
  });

  readonly planStatusCountDrift = new Counter({
    name: 'tenor_plan_status_count_drift_total',
    help: 'Plans by which a plan status counter differed from the plans when the reconciliation corrected it (a write path without counters, or SQL by hand)',
    registers: [this.registry],
  });

  constructor(readonly knownOperations: ReadonlyMap<string, OperationKind>) {
    collectDefaultMetrics({ register: this.registry });
    // Series that rules compare against zero must exist before the first event.
    for (const dependency of ['database', 'redis']) this.dependencyErrors.labels(dependency).inc(0);
    for (const result of ['success', 'failure']) this.maintenanceRuns.labels(result).inc(0);
  }

  /** Called once per HTTP request when its response has been sent; also settles report.outcome for the log line. */
  observeRequest(path: string, status: number, report: RequestReport, startedNs: bigint): void {
    const reachedGraphql = report.kind !== undefined;
    if (!reachedGraphql) {
      this.httpRequests.labels(ROUTES.has(path) ? path : 'other', STATUSES.has(status) ? String(status) : `${Math.floor(status / 100)}xx`).inc();
      report.outcome = httpOutcome(status, report);
      // A GET for the Sandbox page is not an API request.
      if (path !== '/graphql' || status < 400) return;
    }
    const outcome = report.outcome ?? httpOutcome(status, report);
    const operation = operationLabel(this.knownOperations, report.operationName);
    const kind = report.kind ?? 'query';
    const seconds = Number(process.hrtime.bigint() - startedNs) / 1e9;
    this.requestChild(operation, kind, outcome, report).inc();
    this.durationChild(operation, kind).observe(seconds);
    if (outcome === 'throttled') this.throttledRequests.inc();
    if (outcome === 'unavailable') this.dependencyErrors.labels('database').inc();
  }

  /** Times one maintenance run; failures are counted and rethrown for the caller to log. */
  async timeMaintenance(run: () => Promise<void>): Promise<void> {
    const end = this.maintenanceDuration.startTimer();
    try {
      await run();
      this.maintenanceRuns.labels('success').inc();
      this.maintenanceLastSuccess.set(Date.now() / 1000);
    } catch (error) {
      this.maintenanceRuns.labels('failure').inc();
      throw error;
    } finally {
      end();
    }
  }

  private requestChild(operation: string, kind: string, outcome: RequestOutcome, report: RequestReport) {
    const role = report.role ?? 'none';
    const partner = role === 'PARTNER' && report.partnerId != null ? this.partners.label(String(report.partnerId)) : 'none';
    const key = `${operation}\u0000${kind}\u0000${outcome}\u0000${role}\u0000${partner}`;
    let child = this.requestChildren.get(key);
    if (!child) {
      child = this.graphqlRequests.labels(operation, kind, outcome, role, partner);
      this.requestChildren.set(key, child);
    }
    return child;
  }

  private durationChild(operation: string, kind: string) {
    const key = `${operation}\u0000${kind}`;
    let child = this.durationChildren.get(key);
    if (!child) {
      child = this.graphqlDuration.labels(operation, kind);
      this.durationChildren.set(key, child);
    }
    return child;
  }
}
