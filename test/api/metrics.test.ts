import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { GatewayMetrics } from '../../src/server/metrics/gateway-metrics';
import { KEYS } from '../support/gateway';
import { postQuery, rawRequest } from '../support/raw-http';
import { scrape, valueOf } from '../support/prometheus-text';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

const { t, acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('metrics', { now: '2027-01-15T15:00:00Z' });
const metrics = () => scrape(t.gateway.metricsUrl);

async function capturedPlanId(amount: string): Promise<string> {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Pat', lastName: 'Buyer', email: `metrics${keysUsed()}@example.com`, creditScore: 780 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === 'PAY_IN_4')!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  expect(capturePlan.userErrors).toEqual([]);
  return capturePlan.plan!.id;
}

describe(GatewayMetrics.name, () => {
  it('serves every family of the catalogue on the metrics port after a few requests', async () => {
    await postQuery(t.url, KEYS.acme, 'query Viewer { viewer { role } }');
    const text = await (await fetch(t.gateway.metricsUrl)).text();
    const families = [
      'tenor_graphql_requests_total', 'tenor_graphql_request_duration_seconds', 'tenor_http_requests_total', 'tenor_db_pool_connections',
      'tenor_db_query_duration_seconds', 'tenor_money_moved_minor_total', 'tenor_plan_transitions_total', 'tenor_applications_decided_total',
      'tenor_throttled_requests_total', 'tenor_idempotent_replays_total', 'tenor_maintenance_runs_total', 'tenor_maintenance_duration_seconds',
      'tenor_maintenance_last_success_timestamp_seconds', 'tenor_plan_status_count_drift_total', 'tenor_dependency_up', 'nodejs_eventloop_lag_seconds', 'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds',
    ];
    for (const family of families) expect(text).toContain(`# TYPE ${family} `);
  });

  it('is not served on the public API port', async () => {
    const response = await rawRequest(t.url.replace('/graphql', '/metrics'), { method: 'GET', headers: { 'content-type': null } });
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('tenor_graphql_requests_total');
  });

  it('counts a known operation by name, kind, outcome, role and partner id', async () => {
    const labels = { operation: 'Viewer', kind: 'query', outcome: 'ok', role: 'PARTNER' };
    const before = valueOf(await metrics(), 'tenor_graphql_requests_total', labels);
    await postQuery(t.url, KEYS.acme, 'query Viewer { viewer { role } }');
    const after = await metrics();
    expect(valueOf(after, 'tenor_graphql_requests_total', labels)).toBe(before + 1);
    const partners = after.filter((s) => s.name === 'tenor_graphql_requests_total' && s.labels.operation === 'Viewer' && s.labels.role === 'PARTNER');
    expect(partners.map((s) => s.labels.partner)).toEqual([expect.stringMatching(/^\d+$/)]);
  });

  it('labels an operation name no client is known to send as other', async () => {
    await postQuery(t.url, KEYS.acme, 'query InventedByTheClient { viewer { role } }');
    const samples = await metrics();
    expect(samples.some((s) => s.labels.operation === 'InventedByTheClient')).toBe(false);
    expect(valueOf(samples, 'tenor_graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a request without a valid key as unauthenticated, also as an HTTP refusal before GraphQL', async () => {
    const before = await metrics();
    const response = await postQuery(t.url, 'not-a-key', 'query Viewer { viewer { role } }');
    expect(response.status).toBe(401);
    const after = await metrics();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('tenor_graphql_requests_total', { outcome: 'unauthenticated', role: 'none', partner: 'none' })).toBe(1);
    expect(delta('tenor_http_requests_total', { route: '/graphql', status: '401' })).toBe(1);
  });

  it('counts a mutation that answered only userErrors as user_error', async () => {
    const before = valueOf(await metrics(), 'tenor_graphql_requests_total', { operation: 'RecordRepayment', outcome: 'user_error' });
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: 'nope', amount: usd('1.00'), idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors.length).toBeGreaterThan(0);
    expect(valueOf(await metrics(), 'tenor_graphql_requests_total', { operation: 'RecordRepayment', outcome: 'user_error' })).toBe(before + 1);
  });

  it('counts money repaid in minor units once committed, and neither a refused payment nor a replay', async () => {
    const planId = await capturedPlanId('100.00');
    const repaid = async () => valueOf(await metrics(), 'tenor_money_moved_minor_total', { currency: 'USD', movement: 'repaid' });
    const before = await repaid();
    const idempotencyKey = nextKey();
    const payment = { planId, amount: usd('25.00'), idempotencyKey };
    expect((await acme().request(RecordRepaymentDocument, { input: payment })).recordRepayment.userErrors).toEqual([]);
    await acme().request(RecordRepaymentDocument, { input: payment });
    const refused = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd('500.00'), idempotencyKey: nextKey() } });
    expect(refused.recordRepayment.userErrors.map((e) => e.code)).toEqual(['AMOUNT_EXCEEDS_BALANCE']);
    expect(await repaid()).toBe(before + 2500);
    expect(valueOf(await metrics(), 'tenor_idempotent_replays_total', { operation: 'recordRepayment' })).toBe(1);
  });

  it('counts the capture as money captured and as a transition from AUTHORIZED to ACTIVE', async () => {
    const before = await metrics();
    await capturedPlanId('200.00');
    const after = await metrics();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('tenor_money_moved_minor_total', { currency: 'USD', movement: 'captured' })).toBe(20000);
    expect(delta('tenor_plan_transitions_total', { from: 'AUTHORIZED', to: 'ACTIVE' })).toBe(1);
    expect(delta('tenor_applications_decided_total', { outcome: 'approved', reason: 'none' })).toBe(1);
  });

  it('records the start-up maintenance run as a success with its wall-clock time', async () => {
    const samples = await metrics();
    expect(valueOf(samples, 'tenor_maintenance_runs_total', { result: 'success' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'tenor_maintenance_last_success_timestamp_seconds') * 1000).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('reports the database up and its connections by state', async () => {
    const samples = await metrics();
    expect(valueOf(samples, 'tenor_dependency_up', { dependency: 'database' })).toBe(1);
    expect(samples.filter((s) => s.name === 'tenor_db_pool_connections').map((s) => s.labels.state).sort()).toEqual(['idle', 'in_use', 'waiting']);
    expect(valueOf(samples, 'tenor_db_query_duration_seconds_count')).toBeGreaterThan(0);
  });
});
