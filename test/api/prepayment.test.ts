import {
  AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, PlanDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

// Issue 11, item 1: a shopper who pays part early and then pays off the same day pays what paying off
// at once costs, no more (the old ledger charged the scheduled interest of every installment reached).
const { acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('prepayment', {
  now: '2027-01-15T15:00:00Z', env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }, keyPrefix: 'prepay', checkBooks: true,
});

async function capturedPlan(amount: string, termCount: number): Promise<string> {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Pat', lastName: 'Early', email: `early${keysUsed()}@example.com`, creditScore: 780 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === 'INSTALLMENTS' && o.termCount === termCount)!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  expect(capturePlan.userErrors).toEqual([]);
  return capturePlan.plan!.id;
}

const pay = async (planId: string, amount: string) => {
  const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd(amount), idempotencyKey: nextKey() } });
  expect(recordRepayment.userErrors).toEqual([]);
};
const quote = async (planId: string) => (await acme().request(PlanDocument, { id: planId })).plan!.payoffQuote.amount;

describe('prepay then pay off the same day', () => {
  it.each([
    ['400.00', 12, '100.00', '300.00'], // 15%: used to cost 413.83 in all
    ['2500.00', 24, '300.00', '2200.00'], // 29.99%: used to cost 143.49 extra
  ])('%s over %i months: %s early leaves a payoff of %s, so nothing extra', async (amount, termCount, early, rest) => {
    const planId = await capturedPlan(amount, termCount);
    expect(await quote(planId)).toBe(amount);
    await pay(planId, early);
    expect(await quote(planId)).toBe(rest);
    await pay(planId, rest);
    const { plan } = await acme().request(PlanDocument, { id: planId });
    expect(plan).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' }, payoffQuote: { amount: '0.00' } });
    const cents = (decimal: string) => Number(decimal.replace('.', ''));
    expect(plan!.repayments.nodes.reduce((sum, r) => sum + cents(r.amount.amount), 0)).toBe(cents(amount));
  });

  it('refuses a payment of a cent more than the quote after the prepayment', async () => {
    const planId = await capturedPlan('400.00', 12);
    await pay(planId, '100.00');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd('300.01'), idempotencyKey: nextKey() } });
    expect(recordRepayment.userErrors[0].code).toBe('AMOUNT_EXCEEDS_BALANCE');
  });
});
