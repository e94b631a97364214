import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, RecordRepaymentDocument, RefundPlanDocument,
  VoidPlanDocument,
} from '../../schema/generated/graphql';
import { fromGlobalId } from '../../resolvers/common/global-id';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { ReadRouting } from '../../src/db/replica';
import { seedDemoData } from '../../src/demo/seed';
import { createLogger } from '../../src/server/logger';
import { startWorker } from '../../src/server/worker';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { backfillPlanStatusCounts, reconcileMerchant } from '../../src/services/plan-counts/reconcile';
import { CommandRunner } from '../../src/services/lifecycle/command-runner';
import { PortfolioQueries } from '../../src/services/portfolio-queries';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { counterProblems } from '../support/invariants';
import { freshDatabaseUrl, onMysql } from '../support/test-database';

let t: TestGateway;
let merchantId: string;
let merchantRowId: number;
const acme = () => t.client(KEYS.acme);
const usd = (amount: string) => ({ amount, currency: 'USD' as const });
const db = () => t.gateway.db;

beforeAll(async () => {
  t = await startTestGateway('plan_status_counts', { now: '2027-01-15T15:00:00Z' });
  merchantId = (await acme().request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
  merchantRowId = fromGlobalId(merchantId, 'Merchant')!.id;
});
afterAll(() => t.close());
afterEach(async () => expect(await counterProblems(db())).toEqual([]));

async function approved(tag: string, amount = '100.00') {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId, amount: usd(amount), idempotencyKey: `app-${tag}`,
    applicant: { firstName: 'Count', lastName: 'Er', email: `${tag}@example.com`, creditScore: 800 },
  } });
  const application = createApplication.application!;
  return { applicationId: application.id, offerId: application.offers.find((o) => o.kind === 'PAY_IN_4')!.id };
}

async function authorized(tag: string): Promise<string> {
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { ...(await approved(tag)), idempotencyKey: `accept-${tag}` } });
  return acceptOffer.plan!.id;
}

async function captured(tag: string): Promise<string> {
  const planId = await authorized(tag);
  await acme().request(CapturePlanDocument, { input: { planId, idempotencyKey: `capture-${tag}` } });
  return planId;
}

const upserts = () => t.sql.statements.filter((s) => /^INSERT INTO\W+plan_status_counts\W/.test(s));

describe('plan status counters', () => {
  it('moves with each status change, written last before COMMIT in (merchantId, status) order', async () => {
    const planId = await authorized('order');
    t.sql.reset();
    await acme().request(CapturePlanDocument, { input: { planId, idempotencyKey: 'capture-order' } });
    const statements = t.sql.statements;
    const written = upserts();
    // AUTHORIZED -1, ACTIVE +1 in one upsert: the events' order is AUTHORIZED first; the rows' is the key's.
    expect(written).toHaveLength(1);
    const at = statements.indexOf(written[0]);
    const [merchantId, , partnerId] = t.sql.parameters[at] as number[];
    expect(t.sql.parameters[at]).toEqual([merchantId, 'ACTIVE', partnerId, 1, merchantId, 'AUTHORIZED', partnerId, -1]);
    expect(statements[at + 1]).toMatch(/^COMMIT/i);
    expect(t.sql.statements.length).toBeGreaterThan(at + 1);
  });

  it('writes nothing more for a repayment that changes no status', async () => {
    const planId = await captured('quiet');
    t.sql.reset();
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd('10.00'), idempotencyKey: 'pay-quiet' } });
    expect(recordRepayment.userErrors).toEqual([]);
    expect(upserts()).toEqual([]);
  });

  it('stays exact under concurrent commands on plans of one merchant, without a retried transaction', async () => {
    const toCapture = await Promise.all(['c1', 'c2', 'c3', 'c4'].map(authorized));
    const toVoid = await Promise.all(['v1', 'v2', 'v3'].map(authorized));
    const toPayOff = await Promise.all(['p1', 'p2', 'p3'].map(captured));
    const toRefund = await Promise.all(['r1', 'r2'].map(captured));
    const toAccept = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((tag) => approved(tag)));
    t.sql.reset();
    const results = await Promise.all([
      ...toCapture.map((planId, i) => acme().request(CapturePlanDocument, { input: { planId, idempotencyKey: `cc-${i}` } }).then((r) => r.capturePlan.userErrors)),
      ...toVoid.map((planId, i) => acme().request(VoidPlanDocument, { input: { planId, idempotencyKey: `vv-${i}` } }).then((r) => r.voidPlan.userErrors)),
      ...toPayOff.map((planId, i) => acme().request(RecordRepaymentDocument, { input: { planId, amount: usd('100.00'), idempotencyKey: `pp-${i}` } })
        .then((r) => r.recordRepayment.userErrors)),
      ...toRefund.map((planId, i) => acme().request(RefundPlanDocument, { input: { planId, amount: usd('100.00'), idempotencyKey: `rr-${i}` } })
        .then((r) => r.refundPlan.userErrors)),
      ...toAccept.map((input, i) => acme().request(AcceptOfferDocument, { input: { ...input, idempotencyKey: `aa-${i}` } }).then((r) => r.acceptOffer.userErrors)),
    ]);
    expect(results.flat()).toEqual([]);
    // A deadlock or lock wait timeout would have rolled an attempt back and retried it.
    expect(t.sql.statements.filter((s) => /^ROLLBACK/i.test(s))).toEqual([]);
    expect(await counterProblems(db())).toEqual([]);
  });
});

describe(reconcileMerchant.name, () => {
  const deleteCounters = (id: number) => db().dataSource.query(
    onMysql() ? 'DELETE FROM `plan_status_counts` WHERE `merchantId` = ?' : 'DELETE FROM "plan_status_counts" WHERE "merchantId" = ?', [id]);

  it('restores counters written without them, while commands keep changing statuses', async () => {
    const pending = await Promise.all(['w1', 'w2', 'w3', 'w4'].map(authorized));
    const before = await db().repositories.planCounts.snapshot(merchantRowId);
    await deleteCounters(merchantRowId);
    expect((await counterProblems(db())).length).toBeGreaterThan(0);
    const [drifts] = await Promise.all([
      reconcileMerchant(t.gateway.runner, merchantRowId, new Date()),
      ...pending.map((planId, i) => acme().request(CapturePlanDocument, { input: { planId, idempotencyKey: `cw-${i}` } })),
    ]);
    // The drift is what was deleted, whatever committed around the snapshot.
    expect(new Map(drifts.map((d) => [d.status, d.drift]))).toEqual(before.counters);
    expect(await counterProblems(db())).toEqual([]);
    expect(await reconcileMerchant(t.gateway.runner, merchantRowId, new Date())).toEqual([]);
  });

  it('corrects once when two reconciliations of one merchant run at once', async () => {
    const { counters } = await db().repositories.planCounts.snapshot(merchantRowId);
    await deleteCounters(merchantRowId);
    const both = await Promise.all([reconcileMerchant(t.gateway.runner, merchantRowId, new Date()), reconcileMerchant(t.gateway.runner, merchantRowId, new Date())]);
    expect(both.map((drifts) => drifts.length > 0).sort()).toEqual([false, true]);
    expect((await db().repositories.planCounts.snapshot(merchantRowId)).counters).toEqual(counters);
  });

  it('runs in the worker under its lease, counting drift and logging one line per merchant and status', async () => {
    const [first] = await db().repositories.planCounts.nextToCheck(1);
    const { counters } = await db().repositories.planCounts.snapshot(first);
    await deleteCounters(first);
    const lines: { merchantId?: number; status?: string; msg?: string }[] = [];
    const logger = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line)) });
    let drift = 0;
    const worker = startWorker(t.gateway.runner, { intervalMs: 60_000, leaseMs: 30_000, dutyCycle: 1 }, {
      clock: () => new Date('2027-01-15T15:00:00Z'), timer: false, logger, policy: DEFAULT_LENDING_POLICY, holder: 'counters-test',
      countDrift: (plans) => { drift += plans; },
    });
    try {
      expect(await worker.tick()).toBe(true);
    } finally {
      await worker.stop();
    }
    const warned = lines.filter((line) => line.msg?.includes('plan status counter'));
    expect(warned.map((line) => [line.merchantId, line.status]).sort()).toEqual([...counters.keys()].map((status) => [first, status]).sort());
    expect(drift).toBe([...counters.values()].reduce((sum, n) => sum + n, 0));
  });
});

describe(backfillPlanStatusCounts.name, () => {
  let own: Database;
  beforeAll(async () => {
    own = await openDatabase(await freshDatabaseUrl('plan_status_backfill'));
    await migrate(own);
    await seedDemoData(own, new Date('2027-01-15T15:00:00Z'), DEFAULT_LENDING_POLICY);
  });
  afterAll(() => own.dataSource.destroy());

  it('makes the counters exact on a database that had plans before them, then lets reads use them', async () => {
    // As after the migration on a database with plans: no counters, no marker.
    await own.dataSource.query(onMysql() ? 'DELETE FROM `plan_status_counts`' : 'DELETE FROM "plan_status_counts"');
    expect(await own.repositories.planCounts.exact()).toBe(false);
    // Meanwhile plans are counted from the plans, bounded by the cap.
    const portfolio = new PortfolioQueries(ReadRouting.primaryOnly(own), 5);
    const analyst = { apiKeyId: 1, role: 'ANALYST' as const, partnerId: null };
    const [{ n: plans }] = await own.dataSource.query('SELECT COUNT(*) AS n FROM plans');
    expect(Number(plans)).toBeGreaterThan(5);
    expect(await portfolio.countPlans(analyst)).toEqual({ count: 5, exact: false });
    const done = await backfillPlanStatusCounts(new CommandRunner(own), new Date());
    expect(done).toMatchObject({ merchants: expect.any(Number) });
    expect(done!.drifts).toBeGreaterThan(0);
    expect(await counterProblems(own)).toEqual([]);
    expect(await own.repositories.planCounts.exact()).toBe(true);
    expect(await portfolio.countPlans(analyst)).toEqual({ count: Number(plans), exact: true });
    expect(await backfillPlanStatusCounts(new CommandRunner(own), new Date())).toBeNull();
  });
});
