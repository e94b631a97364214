import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, PlanDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { ConfigError, loadConfig } from '../../src/server/config';
import { businessDate } from '../../src/engine';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

// Business dates are calendar days in the lender's time zone (TENOR_TIME_ZONE), at the midnight
// boundary where the UTC date is already another day.

let key = 0;
const nextKey = () => `tz-${++key}`;
const usd = (amount: string) => ({ amount, currency: 'USD' as const });

async function capturedPlan(t: TestGateway, amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS', termCount: number) {
  const acme = t.client(KEYS.acme);
  const merchantId = (await acme.request(MerchantsDocument, { first: 10 })).merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
  const { createApplication } = await acme.request(CreateApplicationDocument, { input: {
    merchantId, amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Tim', lastName: 'Zone', email: `tz${key}@example.com`, creditScore: 800 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === kind && o.termCount === termCount)!;
  const { acceptOffer } = await acme.request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme.request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  expect(capturePlan.userErrors).toEqual([]);
  return capturePlan.plan!;
}

describe(businessDate.name, () => {
  it('is the calendar day in the zone, not the UTC day', () => {
    expect(businessDate(new Date('2027-01-16T03:00:00Z'), 'America/New_York')).toBe('2027-01-15');
    expect(businessDate(new Date('2027-01-16T05:00:00Z'), 'America/New_York')).toBe('2027-01-16');
    expect(businessDate(new Date('2027-01-15T12:00:00Z'), 'Pacific/Auckland')).toBe('2027-01-16');
    expect(businessDate(new Date('2027-01-15T10:59:59Z'), 'Pacific/Auckland')).toBe('2027-01-15');
  });

  it('changes at the zone\'s midnight to the millisecond, whichever minute was asked first', () => {
    expect(businessDate(new Date('2027-03-14T05:00:00.000Z'), 'America/New_York')).toBe('2027-03-14');
    expect(businessDate(new Date('2027-03-14T04:59:59.999Z'), 'America/New_York')).toBe('2027-03-13');
    expect(businessDate(new Date('2027-03-14T04:59:00.000Z'), 'America/New_York')).toBe('2027-03-13');
    // The day after the spring change: midnight is at 04:00Z now.
    expect(businessDate(new Date('2027-03-15T03:59:59.999Z'), 'America/New_York')).toBe('2027-03-14');
    expect(businessDate(new Date('2027-03-15T04:00:00.000Z'), 'America/New_York')).toBe('2027-03-15');
    expect(businessDate(new Date('2027-01-15T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2027-01-15');
    expect(businessDate(new Date('2027-01-15T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2027-01-16');
  });

  it('is the same for a whole UTC minute in every zone since 2000 (why it may be remembered per minute)', () => {
    // Every offset in whole minutes, sampled: a zone with seconds in its offset would move its midnight inside a minute.
    let seed = 15;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    const offsets = new Set<number>();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const local = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
      for (let k = 0; k < 60; k++) {
        const at = Math.floor((from + random() * (to - from)) / 1000) * 1000;
        const p = Object.fromEntries(local.formatToParts(new Date(at)).map((part) => [part.type, Number(part.value)]));
        offsets.add((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at) % 60_000);
      }
    }
    expect([...offsets].map(Math.abs)).toEqual([0]);
  });

  it('makes an unknown TENOR_TIME_ZONE a configuration error', () => {
    expect(() => loadConfig({ TENOR_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(ConfigError);
    expect(() => loadConfig({ TENOR_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/TENOR_TIME_ZONE/);
  });
});

describe('business dates in America/New_York (the default)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('tz_new_york', { now: '2027-01-16T03:00:00Z' }); // 22:00 on 2027-01-15 in New York
  });
  afterAll(() => t.close());

  it('dates a capture at 22:00 New York time that New York day, and the pay-in-4 schedule from it', async () => {
    t.setNow('2027-01-16T03:00:00Z');
    const plan = await capturedPlan(t, '100.00', 'PAY_IN_4', 4);
    expect(plan.capturedOn).toBe('2027-01-15');
    expect(plan.installments.map((i) => i.dueDate)).toEqual(['2027-01-15', '2027-01-29', '2027-02-12', '2027-02-26']);
  });

  it('counts a payment in the evening of its due date as on time', async () => {
    t.setNow('2027-01-15T15:00:00Z');
    const plan = await capturedPlan(t, '1200.00', 'INSTALLMENTS', 12);
    expect(plan.installments[0].dueDate).toBe('2027-02-15');
    t.setNow('2027-02-16T03:30:00Z'); // 22:30 on 2027-02-15 in New York, already 2027-02-16 in UTC
    const before = (await t.client(KEYS.acme).request(PlanDocument, { id: plan.id })).plan!;
    expect([before.daysPastDue, before.installments[0].status, before.installments[0].amountPastDue.amount]).toEqual([0, 'PENDING', '0.00']);
    const { recordRepayment } = await t.client(KEYS.acme).request(RecordRepaymentDocument, {
      input: { planId: plan.id, amount: plan.installments[0].amountDue, idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors).toEqual([]);
    expect(recordRepayment.repayment!.effectiveDate).toBe('2027-02-15');
    expect([recordRepayment.plan!.daysPastDue, recordRepayment.plan!.installments[0].status]).toEqual([0, 'PAID']);
  });

  it('refuses the UTC date as an effectiveDate in the future while it is still the day before in New York', async () => {
    t.setNow('2027-01-15T15:00:00Z');
    const plan = await capturedPlan(t, '100.00', 'PAY_IN_4', 4);
    t.setNow('2027-01-16T03:00:00Z');
    const { recordRepayment } = await t.client(KEYS.acme).request(RecordRepaymentDocument, {
      input: { planId: plan.id, amount: usd('25.00'), effectiveDate: '2027-01-16', idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors[0].code).toBe('DATE_IN_FUTURE');
  });
});

describe('business dates in Pacific/Auckland', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // 12:00 UTC on 2027-01-15 is 01:00 on 2027-01-16 in Auckland (UTC+13 in summer).
    t = await startTestGateway('tz_auckland', { now: '2027-01-15T12:00:00Z', env: { TENOR_TIME_ZONE: 'Pacific/Auckland' } });
  });
  afterAll(() => t.close());

  it('dates a capture after midnight in Auckland the Auckland day, ahead of UTC', async () => {
    const plan = await capturedPlan(t, '100.00', 'PAY_IN_4', 4);
    expect(plan.capturedOn).toBe('2027-01-16');
    expect(plan.installments[0].dueDate).toBe('2027-01-16');
  });

  it('shows an installment PAST_DUE from the Auckland day after its due date, while UTC is still on the due date', async () => {
    const plan = await capturedPlan(t, '100.00', 'PAY_IN_4', 4);
    t.setNow('2027-01-16T12:00:00Z'); // 01:00 on 2027-01-17 in Auckland
    const read = (await t.client(KEYS.acme).request(PlanDocument, { id: plan.id })).plan!;
    expect([read.daysPastDue, read.installments[0].status, read.installments[0].amountPastDue.amount]).toEqual([1, 'PAST_DUE', '25.00']);
  });
});
