import {
  AcceptOfferDocument, ApplicationDocument, CapturePlanDocument, CreateApplicationDocument, PlanDocument, PlanFieldsFragment, RecordRepaymentDocument,
  RefundPlanDocument, ReverseRepaymentDocument, VoidPlanDocument,
} from '../../schema/generated/graphql';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

// Plan mutations answer from the rows they committed (the snapshot primed into the request's
// loaders) rather than reading them back. Whatever each mutation answers must be what a read of the
// plan right after shows: same status, money, dates and installments with their ids.

const { acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('mutation_payloads', { now: '2027-01-15T15:00:00Z', checkBooks: true });

/** The PlanFields a plain read of the plan shows now. */
async function reread(payload: PlanFieldsFragment | null | undefined): Promise<PlanFieldsFragment> {
  expect(payload).toBeTruthy();
  const { plan } = await acme().request(PlanDocument, { id: payload!.id });
  const fields = Object.keys(payload!) as (keyof PlanFieldsFragment)[];
  return Object.fromEntries(fields.map((field) => [field, plan![field]])) as unknown as PlanFieldsFragment;
}

async function authorized(amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS') {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Pay', lastName: 'Load', email: `payload${keysUsed()}@example.com`, creditScore: 790 },
  } });
  const offer = createApplication.application!.offers.find((o) => o.kind === kind)!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: {
    applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey(),
  } });
  expect(acceptOffer.userErrors).toEqual([]);
  expect(await reread(acceptOffer.plan)).toEqual(acceptOffer.plan);
  return acceptOffer.plan!;
}

describe('plan mutation payloads equal a read of the plan right after', () => {
  it.each(['PAY_IN_4', 'INSTALLMENTS'] as const)('acceptOffer, capturePlan (full and partial), repayments, refund, reversal: %s', async (kind) => {
    const plan = await authorized('600.00', kind);
    const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: plan.id, amount: usd('550.00'), idempotencyKey: nextKey() } });
    expect(capturePlan.userErrors).toEqual([]);
    expect(capturePlan.plan!.installments.length).toBeGreaterThan(0);
    expect(await reread(capturePlan.plan)).toEqual(capturePlan.plan);

    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('120.00'), idempotencyKey: nextKey() } });
    expect(await reread(recordRepayment.plan)).toEqual(recordRepayment.plan);
    const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId: plan.id, amount: usd('80.00'), idempotencyKey: nextKey() } });
    expect(await reread(refundPlan.plan)).toEqual(refundPlan.plan);
    const { reverseRepayment } = await acme().request(ReverseRepaymentDocument, { input: {
      repaymentId: recordRepayment.repayment!.id, idempotencyKey: nextKey(),
    } });
    expect(await reread(reverseRepayment.plan)).toEqual(reverseRepayment.plan);
  });

  it.each([[790, 'APPROVED'], [500, 'DECLINED']] as const)('createApplication (credit score %i: %s)', async (creditScore, status) => {
    const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
      merchantId: usdMerchant(), amount: usd('450.00'), idempotencyKey: nextKey(),
      applicant: { firstName: 'Pay', lastName: 'Load', email: `payload${keysUsed()}@example.com`, creditScore },
    } });
    const answered = createApplication.application!;
    expect(answered.status).toBe(status);
    const { application } = await acme().request(ApplicationDocument, { id: answered.id });
    expect({ id: application!.id, status: application!.status, decision: application!.decision, offers: application!.offers }).toEqual(answered);
  });

  it('voidPlan', async () => {
    const plan = await authorized('300.00', 'PAY_IN_4');
    const { voidPlan } = await acme().request(VoidPlanDocument, { input: { planId: plan.id, idempotencyKey: nextKey() } });
    expect(voidPlan.plan!.status).toBe('VOIDED');
    expect(await reread(voidPlan.plan)).toEqual(voidPlan.plan);
  });

  it('a full capture, and its replay under the same key', async () => {
    const plan = await authorized('200.00', 'PAY_IN_4');
    const input = { planId: plan.id, idempotencyKey: nextKey() };
    const first = (await acme().request(CapturePlanDocument, { input })).capturePlan;
    expect(await reread(first.plan)).toEqual(first.plan);
    const replay = (await acme().request(CapturePlanDocument, { input })).capturePlan;
    expect(replay).toEqual(first);
  });
});
