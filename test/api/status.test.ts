import { ApplicationEvent } from '../../entities';
import {
  AcceptOfferDocument, ApplicationDocument, CapturePlanDocument, CreateApplicationDocument, MerchantApplicationsDocument,
  MerchantPlansDocument, NodeDocument, PlanDocument, PlansDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { runMaintenance } from '../../src/services/lifecycle/maintenance';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

// One truth about status: every path (node, lists, filters, payloads) shows what planStatusAt and
// applicationStatusAt say as of the request's clock, and the sweep stores it for the filters.

const START = '2027-01-15T15:00:00Z';
const { t, acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('status', { now: START, resetClock: true, checkBooks: true });
const sweepAt = (iso: string) => runMaintenance(t.gateway.runner, new Date(iso), DEFAULT_LENDING_POLICY);

async function approved(amount: string) {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(),
    applicant: { firstName: 'Stat', lastName: 'Us', email: `status${keysUsed()}@example.com`, creditScore: 800 },
  } });
  expect(createApplication.userErrors).toEqual([]);
  return createApplication.application!;
}

async function capturedPayIn4(amount: string) {
  const application = await approved(amount);
  const offer = application.offers.find((o) => o.kind === 'PAY_IN_4')!;
  const { acceptOffer } = await acme().request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: offer.id, idempotencyKey: nextKey() } });
  const { capturePlan } = await acme().request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: nextKey() } });
  return capturePlan.plan!;
}

async function applicationStatuses(id: string) {
  const viaList = (await acme().request(MerchantApplicationsDocument, { id: usdMerchant(), first: 100 })).merchant!.applications.nodes.find((a) => a.id === id);
  const viaId = (await acme().request(ApplicationDocument, { id })).application;
  const viaNode = (await acme().request(NodeDocument, { id })).node as { applicationStatus?: string } | null;
  return { list: viaList?.status, byId: viaId?.status, node: viaNode?.applicationStatus };
}

describe('application status', () => {
  it('reads EXPIRED past the expiry through merchant.applications, application(id) and node alike', async () => {
    const { id } = await approved('300.00');
    t.setNow('2027-02-15T15:00:00Z');
    expect(await applicationStatuses(id)).toEqual({ list: 'EXPIRED', byId: 'EXPIRED', node: 'EXPIRED' });
  });

  it('is stored EXPIRED by the sweep with an audit event, so the EXPIRED filter finds it and the APPROVED filter does not', async () => {
    const { id } = await approved('310.00');
    t.setNow('2027-02-15T15:00:00Z');
    await sweepAt('2027-02-15T15:00:00Z');
    const filtered = async (status: 'EXPIRED' | 'APPROVED') =>
      (await acme().request(MerchantApplicationsDocument, { id: usdMerchant(), first: 100, status })).merchant!.applications.nodes.map((a) => a.id);
    expect(await filtered('EXPIRED')).toContain(id);
    expect(await filtered('APPROVED')).not.toContain(id);
    const events = await t.gateway.db.dataSource.getRepository(ApplicationEvent).find({ where: { type: 'EXPIRED' } });
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.requestId])).toContainEqual(['APPROVED', 'EXPIRED', 'status-sweep']);
  });
});

describe('plan status', () => {
  it('agrees between Plan.status and the status filters of merchant.plans and plans once the sweep ran', async () => {
    const plan = await capturedPayIn4('200.00');
    const late = '2027-03-01T15:00:00Z'; // the first installment (due 2027-01-15) is 45 days past due
    t.setNow(late);
    expect((await acme().request(PlanDocument, { id: plan.id })).plan!.status).toBe('DELINQUENT');
    await sweepAt(late);
    const merchantPlans = (await acme().request(MerchantPlansDocument, { id: usdMerchant(), first: 100, status: 'DELINQUENT' })).merchant!.plans.nodes;
    const rootPlans = (await acme().request(PlansDocument, { first: 100, status: 'DELINQUENT' })).plans.nodes;
    expect(merchantPlans.map((p) => p.id)).toContain(plan.id);
    expect(rootPlans.map((p) => p.id)).toContain(plan.id);
    expect(rootPlans.every((p) => p.status === 'DELINQUENT')).toBe(true);
  });

  it('is ACTIVE again in the payload of the payment that catches the plan up', async () => {
    const plan = await capturedPayIn4('100.00');
    t.setNow('2027-03-01T15:00:00Z');
    await sweepAt('2027-03-01T15:00:00Z');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('100.00'), idempotencyKey: nextKey() } });
    expect(recordRepayment.plan!.status).toBe('PAID_OFF');
    const { plans } = await acme().request(PlansDocument, { first: 100, status: 'DELINQUENT' });
    expect(plans.nodes.map((p) => p.id)).not.toContain(plan.id);
  });
});

describe('installment status', () => {
  it('is PENDING on its due date and PAST_DUE the next day, with what is unpaid as amountPastDue, partially paid too', async () => {
    const plan = await capturedPayIn4('100.00');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('10.00'), idempotencyKey: nextKey() } });
    const first = recordRepayment.plan!.installments[0];
    expect([first.dueDate, first.status, first.amountPastDue.amount]).toEqual(['2027-01-15', 'PARTIALLY_PAID', '0.00']);
    t.setNow('2027-01-16T15:00:00Z');
    const installments = (await acme().request(PlanDocument, { id: plan.id })).plan!.installments;
    expect(installments.map((i) => [i.status, i.amountPastDue.amount])).toEqual([
      ['PAST_DUE', '15.00'], ['PENDING', '0.00'], ['PENDING', '0.00'], ['PENDING', '0.00'],
    ]);
  });

  it('reads PAST_DUE through node(id) as well', async () => {
    const plan = await capturedPayIn4('100.00');
    t.setNow('2027-02-20T15:00:00Z');
    const { node } = await acme().request(NodeDocument, { id: plan.installments[1].id });
    expect(node).toMatchObject({ installmentStatus: 'PAST_DUE', amountPastDue: { amount: '25.00' } });
  });
});
