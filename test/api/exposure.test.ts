import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, RecordRepaymentDocument,
  ReverseRepaymentDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';

// The exposure limit of README "Underwriting": per applicant (normalized email), per currency, across
// every partner, counting approved applications, authorizations and captured principal outstanding.

let t: TestGateway;
let acmeUsd: string;
let acmeCad: string;
let globexUsd: string;
let key = 0;
const nextKey = () => `exposure-${++key}`;

beforeAll(async () => {
  t = await startTestGateway('exposure', { now: '2027-01-15T15:00:00Z' });
  const merchantOf = async (apiKey: string, currency: string) =>
    (await t.client(apiKey).request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === currency)!.node.id;
  [acmeUsd, acmeCad, globexUsd] = await Promise.all([merchantOf(KEYS.acme, 'USD'), merchantOf(KEYS.acme, 'CAD'), merchantOf(KEYS.globex, 'USD')]);
});
afterEach(async () => {
  expect(await bookProblems(t.gateway.db)).toEqual([]);
});
afterAll(() => t.close());

async function apply(merchantId: string, amount: string, email: string, apiKey: string = KEYS.acme, currency: 'USD' | 'CAD' = 'USD') {
  const { createApplication } = await t.client(apiKey).request(CreateApplicationDocument, { input: {
    merchantId, amount: { amount, currency }, idempotencyKey: nextKey(),
    applicant: { firstName: 'Risa', lastName: 'Officer', email, creditScore: 800 },
  } });
  return createApplication;
}

async function accept(application: { id: string; offers: { id: string; kind: string; termCount: number }[] }, apiKey: string = KEYS.acme) {
  const offer = application.offers.find((o) => o.kind === 'INSTALLMENTS' && o.termCount === 12)!;
  const { acceptOffer } = await t.client(apiKey).request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: offer.id, idempotencyKey: nextKey() } });
  return acceptOffer;
}

describe('exposure limit', () => {
  it('declines the application that would take approved credit past 15,000.00, before anything is accepted', async () => {
    const first = await apply(acmeUsd, '9000.00', 'three@example.com');
    const second = await apply(acmeUsd, '9000.00', 'three@example.com');
    expect(first.userErrors).toEqual([]);
    expect(second.application!.decision.reasonCode).toBe('EXPOSURE_LIMIT');
    expect(second.userErrors[0].code).toBe('APPLICATION_DECLINED');
    expect((await accept(first.application!)).userErrors).toEqual([]);
  });

  it('refuses acceptOffer with EXPOSURE_LIMIT when exposure grew past the limit after the approval', async () => {
    const email = 'reversal@example.com';
    const plan = (await accept((await apply(acmeUsd, '9000.00', email)).application!)).plan!;
    await t.client(KEYS.acme).request(CapturePlanDocument, { input: { planId: plan.id, idempotencyKey: nextKey() } });
    const { recordRepayment } = await t.client(KEYS.acme).request(RecordRepaymentDocument, {
      input: { planId: plan.id, amount: { amount: '5000.00', currency: 'USD' }, idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors).toEqual([]);
    const later = await apply(acmeUsd, '9000.00', email); // about 4,000.00 outstanding + 9,000.00: fits
    expect(later.userErrors).toEqual([]);
    // The payment is returned: 9,000.00 outstanding again, so accepting would reach 18,000.00.
    await t.client(KEYS.acme).request(ReverseRepaymentDocument, { input: { repaymentId: recordRepayment.repayment!.id, idempotencyKey: nextKey() } });
    const refused = await accept(later.application!);
    expect(refused.plan).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ code: 'EXPOSURE_LIMIT', field: ['input', 'applicationId'] });
    expect(refused.userErrors[0].message).toContain('15000.00 USD');
  });

  it('counts USD and CAD separately', async () => {
    const usd = await apply(acmeUsd, '9000.00', 'twocurrencies@example.com');
    const cad = await apply(acmeCad, '9000.00', 'twocurrencies@example.com', KEYS.acme, 'CAD');
    expect([usd.userErrors, cad.userErrors]).toEqual([[], []]);
    expect((await accept(usd.application!)).userErrors).toEqual([]);
    expect((await accept(cad.application!)).userErrors).toEqual([]);
  });

  it('counts the applicant\'s credit at every partner, by email trimmed and lowercased', async () => {
    const atAcme = await apply(acmeUsd, '9000.00', 'two.partners@example.com');
    expect((await accept(atAcme.application!)).userErrors).toEqual([]);
    const atGlobex = await apply(globexUsd, '9000.00', 'Two.Partners@Example.COM', KEYS.globex);
    expect(atGlobex.application!.decision.reasonCode).toBe('EXPOSURE_LIMIT');
  });

  it('stops counting an approved application once it expired', async () => {
    await apply(acmeUsd, '9000.00', 'lapsed@example.com');
    t.setNow('2027-02-15T15:00:00Z');
    try {
      expect((await apply(acmeUsd, '9000.00', 'lapsed@example.com')).userErrors).toEqual([]);
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });

  it('never authorizes more than the limit for 8 parallel applications and accepts of 5,000.00', async () => {
    const email = 'parallel@example.com';
    const outcomes = await Promise.all(Array.from({ length: 8 }, async () => {
      const applied = await apply(acmeUsd, '5000.00', email);
      if (applied.userErrors.length > 0) return { approved: false, authorized: 0 };
      const accepted = await accept(applied.application!);
      return { approved: true, authorized: accepted.plan ? Number(accepted.plan.authorizedAmount.amount) : 0 };
    }));
    const approved = outcomes.filter((o) => o.approved).length;
    const authorized = outcomes.reduce((sum, o) => sum + o.authorized, 0);
    console.log(`exposure, 8 parallel 5,000.00 applications + accepts: ${approved} approved, ${authorized.toFixed(2)} USD authorized (limit 15,000.00)`);
    expect(authorized).toBeLessThanOrEqual(15_000);
    expect(approved).toBe(3);
  });
});

describe('delinquent applicant', () => {
  it('declines an applicant whose plan at another partner turned 30+ days past due, before any sweep stored it', async () => {
    const email = 'late.elsewhere@example.com';
    const plan = (await accept((await apply(acmeUsd, '1200.00', email)).application!)).plan!;
    await t.client(KEYS.acme).request(CapturePlanDocument, { input: { planId: plan.id, idempotencyKey: nextKey() } });
    t.setNow('2027-03-20T15:00:00Z'); // the first installment (due 2027-02-15) is 33 days past due
    try {
      const atGlobex = await apply(globexUsd, '100.00', email, KEYS.globex);
      expect(atGlobex.application!.decision.reasonCode).toBe('DELINQUENT_ACCOUNT');
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });
});
