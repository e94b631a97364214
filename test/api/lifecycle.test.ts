import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantProgramsDocument, 
  PaymentEstimatesDocument, PlanDocument, RecordRepaymentDocument, RefundPlanDocument, ReverseRepaymentDocument,
  VoidPlanDocument,
} from '../../schema/generated/graphql';
import { KEYS } from '../support/gateway';
import { topLevelError } from '../support/errors';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

const { t, acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('lifecycle', {
  now: '2027-01-15T15:00:00Z', env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }, keyPrefix: 'key', checkBooks: true,
});

async function approvedApplication(amount: string, creditScore = 780, email = `shopper${keysUsed()}@example.com`) {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Pat', lastName: 'Buyer', email, creditScore },
  } });
  expect(createApplication.userErrors).toEqual([]);
  return createApplication.application!;
}

async function capturedPlan(amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS', termCount = 4) {
  const application = await approvedApplication(amount);
  const offer = application.offers.find((o) => o.kind === kind && o.termCount === termCount)!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  expect(capturePlan.userErrors).toEqual([]);
  return capturePlan.plan!;
}

const pay = (planId: string, amount: string, effectiveDate?: string) =>
  acme().request(RecordRepaymentDocument, { input: { planId, amount: usd(amount), effectiveDate, idempotencyKey: nextKey() } }).then((r) => r.recordRepayment);

describe('pay in 4', () => {
  it('splits 100.01 captured on 2027-01-15 into 25.01 + 3 x 25.00 every 14 days, and four payments pay it off', async () => {
    const plan = await capturedPlan('100.01', 'PAY_IN_4');
    expect(plan.status).toBe('ACTIVE');
    expect(plan.installments.map((i) => [i.dueDate, i.amountDue.amount])).toEqual([
      ['2027-01-15', '25.01'], ['2027-01-29', '25.00'], ['2027-02-12', '25.00'], ['2027-02-26', '25.00'],
    ]);
    for (const amount of ['25.01', '25.00', '25.00', '25.00']) expect((await pay(plan.id, amount)).userErrors).toEqual([]);
    const { plan: paid } = await acme().request(PlanDocument, { id: plan.id });
    expect(paid).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
    const fifth = await pay(plan.id, '0.01');
    expect(fifth.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    expect(fifth.repayment).toBeNull();
  });

  it('refunding 50.00 of 100.00 after the first payment leaves 25.00, 25.00, 0.00, 0.00 due', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    await pay(plan.id, '25.00');
    const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId: plan.id, amount: usd('50.00'), reason: 'returned', idempotencyKey: nextKey() } });
    expect(refundPlan.userErrors).toEqual([]);
    expect(refundPlan.plan!.installments.map((i) => i.amountDue.amount)).toEqual(['25.00', '25.00', '0.00', '0.00']);
    expect(refundPlan.plan!.balance.amount).toBe('25.00');
  });

  it('a full refund ends the plan REFUNDED and returns what was paid', async () => {
    const plan = await capturedPlan('80.00', 'PAY_IN_4');
    await pay(plan.id, '20.00');
    const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId: plan.id, amount: usd('80.00'), idempotencyKey: nextKey() } });
    expect(refundPlan.plan).toMatchObject({ status: 'REFUNDED', balance: { amount: '0.00' } });
    expect(refundPlan.refund!.creditReturned.amount).toBe('20.00');
  });
});

describe('installments with interest', () => {
  it('discloses figures that match the schedule and an APR within 1/8 point of the program', async () => {
    const plan = await capturedPlan('800.00', 'INSTALLMENTS', 12);
    const { plan: read } = await acme().request(PlanDocument, { id: plan.id });
    const total = read!.installments.reduce((sum, i) => sum + Math.round(Number(i.amountDue.amount) * 100), 0);
    expect(read!.disclosure.totalOfPayments.amount).toBe((total / 100).toFixed(2));
    expect(read!.disclosure.financeCharge.amount).toBe(((total - 80000) / 100).toFixed(2));
    expect(Math.abs(Number(read!.disclosure.apr) - Number(read!.apr))).toBeLessThanOrEqual(0.125);
    expect(read!.installments[0]).toMatchObject({ dueDate: '2027-02-15', amountDue: { amount: '72.21' }, interest: { amount: '10.00' } });
  });

  it('quotes payoff as principal plus APR/365 daily interest since capture, and paying it settles the plan', async () => {
    const plan = await capturedPlan('1000.00', 'INSTALLMENTS', 12);
    const asOf = '2027-02-04'; // 20 days after capture: 1000.00 x 15% / 365 x 20 = 8.219... -> 8.22
    const { plan: quoted } = await acme().request(PlanDocument, { id: plan.id, asOf });
    expect(quoted!.payoffQuote.amount).toBe('1008.22');
    t.setNow('2027-02-04T10:00:00Z');
    try {
      const paid = await pay(plan.id, '1008.22');
      expect(paid.userErrors).toEqual([]);
      expect(paid.plan).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });

  it('is DELINQUENT with 45 days past due 45 days after a missed first due date', async () => {
    const plan = await capturedPlan('600.00', 'INSTALLMENTS', 12);
    t.setNow('2027-04-01T12:00:00Z'); // first due 2027-02-15, missed: 45 days
    try {
      const { plan: late } = await acme().request(PlanDocument, { id: plan.id });
      expect(late).toMatchObject({ status: 'DELINQUENT', daysPastDue: 45 });
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });
});

describe('repayments', () => {
  it('allocates oldest installment first, interest before principal', async () => {
    const plan = await capturedPlan('800.00', 'INSTALLMENTS', 12);
    const paid = await pay(plan.id, '80.00');
    expect(paid.repayment!.allocations.map((a) => [a.installmentSequence, a.interest.amount, a.principal.amount])).toEqual([
      [1, '9.00', '62.21'], [2, '8.79', '0.00'], // paid at capture: period 1 earns interest on the 720.00 still owed
    ]);
  });

  it('a reversal restores the state before that payment even when later payments exist', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const before = (await acme().request(PlanDocument, { id: plan.id })).plan!;
    const first = await pay(plan.id, '30.00');
    await pay(plan.id, '20.00');
    const { reverseRepayment } = await acme().request(ReverseRepaymentDocument, { input: { repaymentId: first.repayment!.id, reason: 'NSF', idempotencyKey: nextKey() } });
    expect(reverseRepayment.userErrors).toEqual([]);
    expect(reverseRepayment.repayment!.status).toBe('REVERSED');
    const paidAfter = reverseRepayment.plan!.installments.map((i) => i.amountPaid.amount);
    expect(paidAfter).toEqual(['20.00', '0.00', '0.00', '0.00']);
    expect(reverseRepayment.plan!.balance.amount).toBe((Number(before.balance.amount) - 20).toFixed(2));
    const again = await acme().request(ReverseRepaymentDocument, { input: { repaymentId: first.repayment!.id, idempotencyKey: nextKey() } });
    expect(again.reverseRepayment.userErrors[0].code).toBe('ALREADY_REVERSED');
  });

  it('refuses a payment larger than what is owed, and writes nothing', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const result = await pay(plan.id, '100.01');
    expect(result.userErrors[0]).toMatchObject({ code: 'AMOUNT_EXCEEDS_BALANCE', field: ['input', 'amount', 'amount'] });
    const { plan: read } = await acme().request(PlanDocument, { id: plan.id });
    expect(read!.repayments.totalCount).toBe(0);
  });

  it('refuses a future effective date', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    expect((await pay(plan.id, '10.00', '2027-01-16')).userErrors[0].code).toBe('DATE_IN_FUTURE');
  });
});

describe('bad input', () => {
  it.each([
    ['0.00', 'INVALID_AMOUNT'], ['-5.00', 'INVALID_AMOUNT'], ['abc', 'INVALID_AMOUNT'], ['12.345', 'TOO_PRECISE'],
    ['1e3', 'INVALID_AMOUNT'], ['NaN', 'INVALID_AMOUNT'], [' 5', 'INVALID_AMOUNT'], ['99999999999999999999', 'OUT_OF_RANGE'],
  ])('refuses the amount %p with %s and a field path', async (amount, code) => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const result = await pay(plan.id, amount);
    expect(result.userErrors[0]).toMatchObject({ code, field: ['input', 'amount', 'amount'] });
  });

  it('refuses the wrong currency', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: { amount: '10.00', currency: 'CAD' }, idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors[0]).toMatchObject({ code: 'CURRENCY_MISMATCH', field: ['input', 'amount', 'currency'] });
  });

  it('treats another partner\'s plan and a malformed id as not found', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const foreign = await t.client(KEYS.globex).request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey: nextKey() } });
    const malformed = await pay('nonsense', '10.00');
    expect(foreign.recordRepayment.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'planId'] });
    expect(malformed.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'planId'] });
  });

  it('refuses capture after void, and refund before capture', async () => {
    const application = await approvedApplication('100.00');
    const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: application.offers[0].id, idempotencyKey: nextKey() } });
    const planId = acceptOffer.plan!.id;
    const refund = await acme().request(RefundPlanDocument, { input: { planId, amount: usd('10.00'), idempotencyKey: nextKey() } });
    expect(refund.refundPlan.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    expect((await acme().request(VoidPlanDocument, { input: { planId, idempotencyKey: nextKey() } })).voidPlan.plan!.status).toBe('VOIDED');
    const capture = await acme().request(CapturePlanDocument, { input: { planId, idempotencyKey: nextKey() } });
    expect(capture.capturePlan.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Cannot capture a plan that is VOIDED' });
  });

  it('refuses a refund larger than captured minus refunded', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    await acme().request(RefundPlanDocument, { input: { planId: plan.id, amount: usd('60.00'), idempotencyKey: nextKey() } });
    const second = await acme().request(RefundPlanDocument, { input: { planId: plan.id, amount: usd('40.01'), idempotencyKey: nextKey() } });
    expect(second.refundPlan.userErrors[0].code).toBe('REFUND_EXCEEDS_CAPTURED');
  });

  it('keeps analysts read-only with a FORBIDDEN error', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const request = t.client(KEYS.analyst).request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey: nextKey() } });
    expect((await topLevelError(request)).code).toBe('FORBIDDEN');
  });
});

describe('applications', () => {
  it('declines a low credit score with a reason code and records the decision', async () => {
    const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
      merchantId: usdMerchant(), amount: usd('300.00'), idempotencyKey: nextKey(),
      applicant: { firstName: 'Lo', lastName: 'Score', email: 'lo@example.com', creditScore: 500 },
    } });
    expect(createApplication.userErrors[0].code).toBe('APPLICATION_DECLINED');
    expect(createApplication.application).toMatchObject({ status: 'DECLINED', decision: { reasonCode: 'CREDIT_SCORE_TOO_LOW' }, offers: [] });
  });

  it('approves 720+ inside program limits with one offer per eligible program', async () => {
    const application = await approvedApplication('500.00', 720);
    const { merchant } = await acme().request(MerchantProgramsDocument, { id: usdMerchant() });
    const eligible = merchant!.programs.filter((p) => p.active && Number(p.minAmount.amount) <= 500 && Number(p.maxAmount.amount) >= 500);
    expect(application.status).toBe('APPROVED');
    expect(application.offers).toHaveLength(eligible.length);
  });

  it('refuses to accept an offer after the application expired', async () => {
    const application = await approvedApplication('100.00');
    t.setNow('2027-02-15T15:00:01Z');
    try {
      const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: application.offers[0].id, idempotencyKey: nextKey() } });
      expect(acceptOffer.userErrors[0].code).toBe('APPLICATION_EXPIRED');
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });

  it('estimates monthly payments without storing anything', async () => {
    const { paymentEstimates } = await acme().request(PaymentEstimatesDocument, { merchantId: usdMerchant(), amount: usd('800.00') });
    const twelve = paymentEstimates.find((o) => o.termCount === 12)!;
    expect(twelve.installmentAmount.amount).toBe('72.21');
    expect(paymentEstimates.find((o) => o.kind === 'PAY_IN_4')!.installmentAmount.amount).toBe('200.00');
  });
});

describe('idempotency', () => {
  it('replays the first result for the same key and input, applying nothing twice', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const input = { planId: plan.id, amount: usd('10.00'), idempotencyKey: nextKey() };
    const first = await acme().request(RecordRepaymentDocument, { input });
    const second = await acme().request(RecordRepaymentDocument, { input });
    expect(second.recordRepayment.repayment!.id).toBe(first.recordRepayment.repayment!.id);
    const { plan: read } = await acme().request(PlanDocument, { id: plan.id });
    expect(read!.repayments.totalCount).toBe(1);
  });

  it('refuses the same key with a different input', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const idempotencyKey = nextKey();
    await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey } });
    const reused = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('11.00'), idempotencyKey } });
    expect(reused.recordRepayment.userErrors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] });
  });

  it('frees a key after 24 hours', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const idempotencyKey = nextKey();
    await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey } });
    t.setNow('2027-01-16T15:00:01Z');
    try {
      const later = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('11.00'), idempotencyKey } });
      expect(later.recordRepayment.userErrors).toEqual([]);
      expect(later.recordRepayment.repayment!.amount.amount).toBe('11.00');
    } finally {
      t.setNow('2027-01-15T15:00:00Z');
    }
  });

  it('lets a refused request be corrected and retried with the same key', async () => {
    const plan = await capturedPlan('100.00', 'PAY_IN_4');
    const idempotencyKey = nextKey();
    const refused = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('1000.00'), idempotencyKey } });
    expect(refused.recordRepayment.userErrors[0].code).toBe('AMOUNT_EXCEEDS_BALANCE');
    const corrected = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey } });
    expect(corrected.recordRepayment.userErrors).toEqual([]);
  });
});
