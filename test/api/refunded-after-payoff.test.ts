import {
  MerchantsDocument, PlanDocument, PlansDocument,
  RecordRepaymentDocument, RefundPlanDocument, ReverseRepaymentDocument,
} from '../../schema/generated/graphql';
import { fromGlobalId } from '../../resolvers/common/global-id';
import { RefundedAfterPayoff1796689220792 as MysqlMigration } from '../../src/db/migrations/mysql/1796689220792-refunded-after-payoff';
import { RefundedAfterPayoff1796689220792 as SqliteMigration } from '../../src/db/migrations/sqlite/1796689220792-refunded-after-payoff';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { sweepStatuses } from '../../src/services/lifecycle/status-sweep';
import { capturedPlan as captured } from '../support/captured-plan';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems, counterProblems } from '../support/invariants';
import { onMysql } from '../support/test-database';

// Issue 25 item 5: a plan whose captured principal is fully refunded is REFUNDED, whatever came before:
// paid off and then refunded in full ends REFUNDED, exactly as the same refund before the payoff does,
// so the REFUNDED filter and the status counters find it. On SQLite and MariaDB (TEST_DATABASE_URL).
const CAPTURE = '2027-01-15T15:00:00Z';
let t: TestGateway;
let usdMerchant: string;
let key = 0;
const nextKey = () => `refunded-after-payoff-${++key}`;
const acme = () => t.client(KEYS.acme);
const usd = (amount: string) => ({ amount, currency: 'USD' as const });
const db = () => t.gateway.db;

beforeAll(async () => {
  t = await startTestGateway('refunded_after_payoff', { now: CAPTURE });
  usdMerchant = (await acme().request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
beforeEach(() => t.setNow(CAPTURE));
afterEach(async () => {
  expect(await bookProblems(db())).toEqual([]);
  expect(await counterProblems(db())).toEqual([]);
});
afterAll(() => t.close());

const capturedPlan = (amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS', termCount: number): Promise<string> =>
  captured(acme(), usdMerchant, { amount, kind, termCount, key: nextKey() });

async function pay(planId: string, amount: string) {
  const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd(amount), idempotencyKey: nextKey() } });
  expect(recordRepayment.userErrors).toEqual([]);
  return recordRepayment;
}

async function refund(planId: string, amount: string) {
  const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId, amount: usd(amount), idempotencyKey: nextKey() } });
  expect(refundPlan.userErrors).toEqual([]);
  return refundPlan;
}

const read = async (id: string) => (await acme().request(PlanDocument, { id })).plan!;
const refundedIds = async () => (await acme().request(PlansDocument, { first: 100, status: 'REFUNDED' })).plans.nodes.map((p) => p.id);

/** A paid-off 1,000.00 plan at 15% refunded in full five days later; the repayment's id. */
async function paidOffThenRefunded(): Promise<{ planId: string; repaymentId: string }> {
  const planId = await capturedPlan('1000.00', 'INSTALLMENTS', 12);
  t.setNow('2027-01-25T15:00:00Z');
  const paid = await pay(planId, '1004.11');
  expect(paid.plan!.status).toBe('PAID_OFF');
  t.setNow('2027-01-30T15:00:00Z');
  return { planId, repaymentId: paid.repayment!.id };
}

describe('a plan paid off and then refunded in full', () => {
  it('is REFUNDED, hands back everything paid (interest included), and the REFUNDED filter and counters find it', async () => {
    const { planId } = await paidOffThenRefunded();
    const refunded = await refund(planId, '1000.00');
    expect(refunded.refund!.creditReturned.amount).toBe('1004.11');
    expect(refunded.plan).toMatchObject({ status: 'REFUNDED', balance: { amount: '0.00' } });
    expect(await refundedIds()).toContain(planId);
    const { events } = await read(planId);
    expect(events.nodes.at(-1)).toMatchObject({ type: 'STATUS_CHANGED', fromStatus: 'PAID_OFF', toStatus: 'REFUNDED' });
  });

  it('ends as a refund before the payoff does, in two partial refunds too', async () => {
    const { planId } = await paidOffThenRefunded();
    expect((await refund(planId, '400.00')).plan!.status).toBe('PAID_OFF');
    expect((await refund(planId, '600.00')).plan!.status).toBe('REFUNDED');
  });

  it('is reopened when the payoff bounces (the cash handed back is owed again) and REFUNDED again once it is repaid', async () => {
    const { planId, repaymentId } = await paidOffThenRefunded();
    await refund(planId, '1000.00');
    const { reverseRepayment } = await acme().request(ReverseRepaymentDocument, { input: { repaymentId, idempotencyKey: nextKey() } });
    expect(reverseRepayment.plan).toMatchObject({ status: 'ACTIVE', balance: { amount: '1004.11' } });
    expect(await refundedIds()).not.toContain(planId);
    await pay(planId, (await read(planId)).payoffQuote.amount);
    expect(await read(planId)).toMatchObject({ status: 'REFUNDED', balance: { amount: '0.00' } });
  });
});

describe('RefundedAfterPayoff: plans an older release left PAID_OFF though refunded in full', () => {
  const sql = (mysql: string) => (onMysql() ? mysql : mysql.replace(/`/g, '"'));

  /** Puts a REFUNDED plan back as the older release stored it: PAID_OFF, no status check, counted PAID_OFF. */
  async function asStoredBefore(planId: string): Promise<number> {
    const id = fromGlobalId(planId, 'Plan')!.id;
    await t.gateway.runner.unitOfWork(async ({ tx }) => {
      const [plan] = await db().dataSource.query(sql('SELECT `merchantId`, `partnerId` FROM `plans` WHERE `id` = ?'), [id]) as { merchantId: number; partnerId: number }[];
      await db().dataSource.query(sql('UPDATE `plans` SET `status` = \'PAID_OFF\', `nextStatusCheckOn` = NULL WHERE `id` = ?'), [id]);
      await tx.planCounts.add([
        { merchantId: plan.merchantId, partnerId: plan.partnerId, status: 'REFUNDED', plans: -1 },
        { merchantId: plan.merchantId, partnerId: plan.partnerId, status: 'PAID_OFF', plans: 1 },
      ]);
    });
    return id;
  }

  it('reads REFUNDED at once, and the first sweep after the migration stores it with its event and counters', async () => {
    const { planId } = await paidOffThenRefunded();
    await refund(planId, '1000.00');
    t.setNow(CAPTURE);
    const paidOff = (await paidOffThenRefunded()).planId; // refunded in part only: stays PAID_OFF
    await refund(paidOff, '999.99');
    await asStoredBefore(planId);
    expect(await refundedIds()).not.toContain(planId);
    expect((await read(planId)).status).toBe('REFUNDED'); // planStatusAt: one rule for reads and the sweep

    const runner = db().dataSource.createQueryRunner();
    try {
      await (onMysql() ? new MysqlMigration() : new SqliteMigration()).up(runner);
    } finally {
      await runner.release();
    }
    const eventsBefore = (await read(planId)).events.nodes.length;
    expect(await sweepStatuses(t.gateway.runner, new Date('2027-01-30T15:00:00Z'), DEFAULT_LENDING_POLICY)).toBe(1);
    expect(await refundedIds()).toContain(planId);
    expect(await refundedIds()).not.toContain(paidOff);
    const { events } = await read(planId);
    expect(events.nodes.slice(eventsBefore)).toMatchObject([{ type: 'STATUS_CHANGED', fromStatus: 'PAID_OFF', toStatus: 'REFUNDED' }]);
    expect(await counterProblems(db())).toEqual([]);
    expect(await sweepStatuses(t.gateway.runner, new Date('2027-01-30T15:00:00Z'), DEFAULT_LENDING_POLICY)).toBe(0);
  });
});
