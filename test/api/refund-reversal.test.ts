import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, PlanDocument, RecordRepaymentDocument,
  RefundPlanDocument, ReverseRepaymentDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';

// Issue 11: a refund hands back in cash what was paid beyond the plan's new total; a payment that
// bounces afterwards must not make that cash disappear from the books. The shopper owes it again.
const CAPTURE = '2027-01-15T15:00:00Z';
let t: TestGateway;
let usdMerchant: string;
let key = 0;
const nextKey = () => `refund-reversal-${++key}`;
const acme = () => t.client(KEYS.acme);
const usd = (amount: string) => ({ amount, currency: 'USD' as const });

beforeAll(async () => {
  t = await startTestGateway('refund_reversal', { now: CAPTURE, env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } });
  const { merchants } = await acme().request(MerchantsDocument, { first: 10 });
  usdMerchant = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
beforeEach(() => t.setNow(CAPTURE));
afterEach(async () => {
  expect(await bookProblems(t.gateway.db)).toEqual([]);
});
afterAll(() => t.close());

async function capturedPlan(amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS', termCount: number): Promise<string> {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant, amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Pat', lastName: 'Bounce', email: `bounce${key}@example.com`, creditScore: 780 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === kind && o.termCount === termCount)!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  expect(capturePlan.userErrors).toEqual([]);
  return capturePlan.plan!.id;
}

async function pay(planId: string, amount: string, effectiveDate?: string): Promise<string> {
  const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd(amount), effectiveDate, idempotencyKey: nextKey() } });
  expect(recordRepayment.userErrors).toEqual([]);
  return recordRepayment.repayment!.id;
}

async function refund(planId: string, amount: string) {
  const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId, amount: usd(amount), idempotencyKey: nextKey() } });
  expect(refundPlan.userErrors).toEqual([]);
  return refundPlan;
}

async function reverse(repaymentId: string) {
  const { reverseRepayment } = await acme().request(ReverseRepaymentDocument, { input: { repaymentId, reason: 'NSF', idempotencyKey: nextKey() } });
  expect(reverseRepayment.userErrors).toEqual([]);
  return reverseRepayment.plan!;
}

const read = async (id: string) => (await acme().request(PlanDocument, { id })).plan!;
const amounts = (plan: Awaited<ReturnType<typeof read>>) => plan.installments.map((i) => [i.amountDue.amount, i.amountPaid.amount]);

describe('a payment reversed after a refund handed cash back', () => {
  it('100.00 pay in 4, 25.00 paid three times, 50.00 refunded (25.00 handed back), one payment reversed: the shopper owes 25.00 again', async () => {
    const planId = await capturedPlan('100.00', 'PAY_IN_4', 4);
    const [, second] = [await pay(planId, '25.00'), await pay(planId, '25.00'), await pay(planId, '25.00')];
    const refunded = await refund(planId, '50.00');
    expect(refunded.refund!.creditReturned.amount).toBe('25.00');
    expect(refunded.plan).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });

    const reopened = await reverse(second);
    expect(reopened).toMatchObject({ status: 'ACTIVE', balance: { amount: '25.00' } });
    const plan = await read(planId);
    expect(amounts(plan)).toEqual([['25.00', '25.00'], ['25.00', '0.00'], ['0.00', '0.00'], ['0.00', '0.00']]);
    expect(plan.payoffQuote.amount).toBe('25.00');
    expect(plan.refunds.map((r) => r.creditReturned.amount)).toEqual(['25.00']); // cash out stays cash out
    expect(plan.events.nodes.map((e) => e.type)).toContain('REOPENED');

    expect(await pay(planId, '25.00')).toBeTruthy();
    expect(await read(planId)).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
  });

  it('every payment reversed: the 25.00 handed back is owed too, on the installment the refund had cancelled (75.00 in all)', async () => {
    const planId = await capturedPlan('100.00', 'PAY_IN_4', 4);
    const paid = [await pay(planId, '25.00'), await pay(planId, '25.00'), await pay(planId, '25.00')];
    await refund(planId, '50.00');
    for (const id of paid) await reverse(id);
    const plan = await read(planId);
    expect(plan).toMatchObject({ status: 'ACTIVE', balance: { amount: '75.00' }, payoffQuote: { amount: '75.00' }, principal: { amount: '100.00' }, refundedAmount: { amount: '50.00' } });
    expect(amounts(plan)).toEqual([['25.00', '0.00'], ['25.00', '0.00'], ['25.00', '0.00'], ['0.00', '0.00']]);
  });

  it('a refunded plan whose payment bounces is reopened, owes the cash it got back, and is REFUNDED again once that is repaid', async () => {
    const planId = await capturedPlan('80.00', 'PAY_IN_4', 4);
    const paid = await pay(planId, '20.00');
    const refunded = await refund(planId, '80.00');
    expect(refunded.plan!.status).toBe('REFUNDED');
    expect(refunded.refund!.creditReturned.amount).toBe('20.00');
    expect(await reverse(paid)).toMatchObject({ status: 'ACTIVE', balance: { amount: '20.00' } });
    await pay(planId, '20.00');
    expect(await read(planId)).toMatchObject({ status: 'REFUNDED', balance: { amount: '0.00' } });
  });

  it('on an installment plan at 15%: paid off, 400.00 refunded, the payment bounces: the shopper owes what was kept and the cash handed back', async () => {
    const planId = await capturedPlan('1000.00', 'INSTALLMENTS', 12);
    t.setNow('2027-01-25T15:00:00Z');
    const payoff = (await read(planId)).payoffQuote.amount;
    expect(payoff).toBe('1004.11');
    const paid = await pay(planId, payoff);
    t.setNow('2027-01-30T15:00:00Z');
    const refunded = await refund(planId, '400.00');
    expect(refunded.refund!.creditReturned.amount).toBe('401.64'); // 400.00 + the interest on it for 10 days
    const reopened = await reverse(paid);
    expect(reopened.status).toBe('ACTIVE');
    const plan = await read(planId);
    // 600.00 kept + 401.64 handed back + 15 days at 15% on the 600.00 (3.70): net of the cash the shopper
    // got, 603.70, what paying off 600.00 on 2027-01-30 costs.
    expect(plan.payoffQuote.amount).toBe('1005.34');
    await pay(planId, plan.payoffQuote.amount);
    expect(await read(planId)).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
  });
});

describe('a refund after a reversal', () => {
  it('hands back nothing when the reversal left the shopper owing; net of cash handed back, both orders leave the shopper owing the same', async () => {
    const inOrder = async (order: 'refund first' | 'reverse first') => {
      const planId = await capturedPlan('100.00', 'PAY_IN_4', 4);
      const [, second] = [await pay(planId, '25.00'), await pay(planId, '25.00'), await pay(planId, '25.00')];
      if (order === 'reverse first') await reverse(second);
      const { refund: made } = await refund(planId, '50.00');
      if (order === 'refund first') await reverse(second);
      const plan = await read(planId);
      return { status: plan.status, owed: plan.payoffQuote.amount, handedBack: made!.creditReturned.amount };
    };
    const reverseFirst = await inOrder('reverse first');
    expect(reverseFirst).toEqual({ status: 'PAID_OFF', owed: '0.00', handedBack: '0.00' });
    const refundFirst = await inOrder('refund first');
    expect(refundFirst).toEqual({ status: 'ACTIVE', owed: '25.00', handedBack: '25.00' });
  });
});

describe('a backdated payment after a refund handed cash back', () => {
  it('funds that cash again when it lands before the refund, and is refused when it would pay more than the plan owes', async () => {
    const planId = await capturedPlan('100.00', 'PAY_IN_4', 4);
    const [, second] = [await pay(planId, '25.00'), await pay(planId, '25.00'), await pay(planId, '25.00')];
    t.setNow('2027-01-20T15:00:00Z');
    await refund(planId, '50.00');
    await reverse(second);
    const before = await read(planId);
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, {
      input: { planId, amount: usd('50.00'), effectiveDate: '2027-01-16', idempotencyKey: nextKey() },
    });
    expect(recordRepayment.userErrors.map((e) => e.code)).toEqual(['AMOUNT_EXCEEDS_BALANCE']);
    expect(await read(planId)).toEqual(before);
    await pay(planId, '25.00', '2027-01-16');
    expect(await read(planId)).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
  });
});
