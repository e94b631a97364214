import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, PlanDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';

let t: TestGateway;
let merchantId: string;
const acme = () => t.client(KEYS.acme);

beforeAll(async () => {
  t = await startTestGateway('concurrency', { now: '2027-01-15T15:00:00Z' });
  merchantId = (await acme().request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
afterAll(() => t.close());

async function capturedPayIn4(amount: string, tag: string): Promise<string> {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId, amount: { amount, currency: 'USD' }, idempotencyKey: `app-${tag}`,
    applicant: { firstName: 'Con', lastName: 'Current', email: `${tag}@example.com`, creditScore: 800 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === 'PAY_IN_4')!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: `accept-${tag}` } });
  await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: `capture-${tag}` } });
  return acceptOffer.plan!.id;
}

describe('concurrent repayments on one plan', () => {
  it('accepts exactly what fits of 20 parallel payments that together exceed what is owed', async () => {
    const planId = await capturedPayIn4('100.00', 'overpay');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      acme().request(RecordRepaymentDocument, { input: { planId, amount: { amount: '10.00', currency: 'USD' }, idempotencyKey: `pay-${i}` } })));
    const accepted = results.filter((r) => r.recordRepayment.userErrors.length === 0);
    const refused = results.filter((r) => r.recordRepayment.userErrors.length > 0);
    expect(accepted).toHaveLength(10);
    expect(refused.every((r) => ['AMOUNT_EXCEEDS_BALANCE', 'ILLEGAL_TRANSITION'].includes(r.recordRepayment.userErrors[0].code))).toBe(true);
    const { plan } = await acme().request(PlanDocument, { id: planId });
    expect(plan).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
    expect(plan!.repayments.totalCount).toBe(10);
    expect(await bookProblems(t.gateway.db)).toEqual([]);
  });

  it('applies one repayment for 10 parallel calls with the same idempotency key', async () => {
    const planId = await capturedPayIn4('100.00', 'samekey');
    const input = { planId, amount: { amount: '25.00', currency: 'USD' as const }, idempotencyKey: 'one-key' };
    const results = await Promise.all(Array.from({ length: 10 }, () => acme().request(RecordRepaymentDocument, { input })));
    const ids = new Set(results.map((r) => r.recordRepayment.repayment?.id));
    expect(results.every((r) => r.recordRepayment.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    const { plan } = await acme().request(PlanDocument, { id: planId });
    expect(plan!.repayments.totalCount).toBe(1);
    expect(plan!.balance.amount).toBe('75.00');
  });
});
