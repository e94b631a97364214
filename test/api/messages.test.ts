import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

// Amounts in messages carry the currency's exponent ("350.00 USD"), never minor units divided by 100.

let t: TestGateway;
let key = 0;
const nextKey = () => `msg-${++key}`;

beforeAll(async () => {
  t = await startTestGateway('messages', { now: '2027-01-15T15:00:00Z' });
});
afterAll(() => t.close());

async function authorized(currency: 'USD' | 'CAD', amount: string) {
  const acme = t.client(KEYS.acme);
  const merchantId = (await acme.request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === currency)!.node.id;
  const { createApplication } = await acme.request(CreateApplicationDocument, { input: {
    merchantId, amount: { amount, currency }, idempotencyKey: nextKey(),
    applicant: { firstName: 'Mia', lastName: 'Message', email: `msg${key}@example.com`, creditScore: 800 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === 'PAY_IN_4')!;
  return (await acme.request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } })).acceptOffer.plan!;
}

describe('amounts in userError messages', () => {
  it('formats the authorized amount of a refused capture as "350.00 CAD"', async () => {
    const plan = await authorized('CAD', '350.00');
    const { capturePlan } = await t.client(KEYS.acme).request(CapturePlanDocument, {
      input: { planId: plan.id, amount: { amount: '350.01', currency: 'CAD' }, idempotencyKey: nextKey() } });
    expect(capturePlan.userErrors[0]).toMatchObject({ code: 'AMOUNT_EXCEEDS_AUTHORIZED', message: 'Cannot capture more than the authorized 350.00 CAD' });
  });

  it('formats the payoff amount of a refused payment as "100.00 USD"', async () => {
    const plan = await authorized('USD', '100.00');
    await t.client(KEYS.acme).request(CapturePlanDocument, { input: { planId: plan.id, idempotencyKey: nextKey() } });
    const { recordRepayment } = await t.client(KEYS.acme).request(RecordRepaymentDocument, {
      input: { planId: plan.id, amount: { amount: '100.01', currency: 'USD' }, idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors[0]).toMatchObject({ code: 'AMOUNT_EXCEEDS_BALANCE', message: expect.stringContaining('the 100.00 USD needed') });
  });
});
