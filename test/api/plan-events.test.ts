import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, PlanDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

let t: TestGateway;
let merchantId: string;
let key = 0;
const acme = () => t.client(KEYS.acme);

beforeAll(async () => {
  t = await startTestGateway('plan_events', { now: '2027-01-15T15:00:00Z' });
  const { merchants } = await acme().request(MerchantsDocument, { first: 10 });
  merchantId = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
afterAll(() => t.close());

async function capture(amount: string, captured?: string) {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId, amount: { amount, currency: 'USD' }, idempotencyKey: `app-${++key}`,
    applicant: { firstName: 'Pat', lastName: 'Buyer', email: `events${key}@example.com`, creditScore: 780 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === 'PAY_IN_4')!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, {
    input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: `accept-${key}` },
  });
  const planId = acceptOffer.plan!.id;
  await acme().request(CapturePlanDocument, {
    input: { planId, idempotencyKey: `capture-${key}`, amount: captured ? { amount: captured, currency: 'USD' } : undefined },
  });
  const { plan } = await acme().request(PlanDocument, { id: planId });
  return plan!.events.nodes;
}

describe('plan events', () => {
  it('a full capture releases nothing, so it writes no zero-amount event', async () => {
    const events = await capture('200.00');
    expect(events.map((e) => e.type)).toEqual(['AUTHORIZED', 'CAPTURED']);
    expect(events.filter((e) => e.amount?.amount === '0.00')).toEqual([]);
  });

  it('a partial capture records the released rest of the authorization', async () => {
    const events = await capture('200.00', '150.00');
    expect(events.find((e) => e.type === 'AUTHORIZATION_RELEASED')?.amount).toEqual({ amount: '50.00', currency: 'USD' });
  });
});
