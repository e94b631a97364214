import {
  AcceptOfferDocument, CancelApplicationDocument, CapturePlanDocument, CreateApplicationDocument, 
  PlanDocument, PlansDocument, RecordRepaymentDocument,
} from '../../schema/generated/graphql';
import { runMaintenance } from '../../src/services/lifecycle/maintenance';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { KEYS } from '../support/gateway';
import { lifecycleSuite, usd } from '../support/lifecycle-suite';

// CHARGED_OFF and CANCELLED are reached only through use cases: the maintenance sweep charges a
// plan off at CHARGE_OFF_AFTER_DAYS (default 120) days past due; cancelApplication cancels.

const START = '2027-01-15T15:00:00Z';
const { t, acme, nextKey, keysUsed, usdMerchant } = lifecycleSuite('charge_off', { now: START, keyPrefix: 'co', resetClock: true, checkBooks: true });
const at = (iso: string) => {
  t.setNow(iso);
  return runMaintenance(t.gateway.runner, new Date(iso), DEFAULT_LENDING_POLICY);
};

async function approved(amount: string, email = `co${keysUsed()}@example.com`) {
  const { createApplication } = await acme().request(CreateApplicationDocument, { input: {
    merchantId: usdMerchant(), amount: usd(amount), idempotencyKey: nextKey(), applicant: { firstName: 'Cole', lastName: 'Lector', email, creditScore: 800 },
  } });
  return createApplication;
}

const acceptFirst = async (application: { id: string; offers: { id: string; kind: string }[] }) => (await acme().request(AcceptOfferDocument, {
  input: { applicationId: application.id, offerId: application.offers.find((o) => o.kind === 'PAY_IN_4')!.id, idempotencyKey: nextKey() },
})).acceptOffer;

async function unpaidPayIn4(amount: string) {
  const { plan } = await acceptFirst((await approved(amount)).application!);
  return (await acme().request(CapturePlanDocument, { input: { planId: plan!.id, idempotencyKey: nextKey() } })).capturePlan.plan!;
}

const cancel = (applicationId: string, idempotencyKey = nextKey()) =>
  acme().request(CancelApplicationDocument, { input: { applicationId, idempotencyKey } }).then((r) => r.cancelApplication);

describe('charge-off', () => {
  it('charges a plan off through the sweep at 120 days past due, with an event, and not a day earlier', async () => {
    const plan = await unpaidPayIn4('100.00'); // first installment due 2027-01-15
    await at('2027-05-14T15:00:00Z'); // 119 days
    expect((await acme().request(PlanDocument, { id: plan.id })).plan!.status).toBe('DELINQUENT');
    await at('2027-05-15T15:00:00Z'); // 120 days
    const read = (await acme().request(PlanDocument, { id: plan.id })).plan!;
    expect([read.status, read.daysPastDue]).toEqual(['CHARGED_OFF', 120]);
    expect(read.events.nodes.map((e) => [e.type, e.fromStatus, e.toStatus])).toContainEqual(['CHARGED_OFF', 'DELINQUENT', 'CHARGED_OFF']);
    // The charge-off writes off what the shopper still owes.
    expect(read.events.nodes.find((e) => e.type === 'CHARGED_OFF')!.amount).toEqual(usd('100.00'));
    const { plans } = await acme().request(PlansDocument, { first: 100, status: 'CHARGED_OFF' });
    expect(plans.nodes.map((p) => p.id)).toContain(plan.id);
  });

  it('accepts repayments after the charge-off and shows them as recoveries, the plan staying CHARGED_OFF', async () => {
    const plan = await unpaidPayIn4('100.00');
    await at('2027-06-01T15:00:00Z');
    const pay = (amount: string) => acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd(amount), idempotencyKey: nextKey() } })
      .then((r) => r.recordRepayment);
    expect((await pay('30.00')).userErrors).toEqual([]);
    const { plan: after, userErrors } = await pay('70.00');
    expect(userErrors).toEqual([]);
    expect([after!.status, after!.recoveredAmount.amount, after!.balance.amount]).toEqual(['CHARGED_OFF', '100.00', '0.00']);
    const { plan: history } = await acme().request(PlanDocument, { id: plan.id });
    expect(history!.events.nodes.filter((e) => e.type === 'RECOVERY_RECORDED').map((e) => e.amount!.amount)).toEqual(['30.00', '70.00']);
  });

  it('charges off before recording a payment that arrives at 120+ days when the sweep has not run yet', async () => {
    const plan = await unpaidPayIn4('100.00');
    t.setNow('2027-06-01T15:00:00Z'); // no sweep
    expect((await acme().request(PlanDocument, { id: plan.id })).plan!.status).toBe('CHARGED_OFF');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('25.00'), idempotencyKey: nextKey() } });
    expect([recordRepayment.plan!.status, recordRepayment.plan!.recoveredAmount.amount]).toEqual(['CHARGED_OFF', '25.00']);
  });

  it('shows no recovery on plans that were never charged off', async () => {
    const plan = await unpaidPayIn4('100.00');
    const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId: plan.id, amount: usd('25.00'), idempotencyKey: nextKey() } });
    expect(recordRepayment.plan!.recoveredAmount.amount).toBe('0.00');
  });
});

describe('cancelApplication', () => {
  it('cancels an APPROVED application, after which its offers cannot be accepted', async () => {
    const { application } = await approved('200.00');
    const cancelled = await cancel(application!.id);
    expect(cancelled).toMatchObject({ application: { id: application!.id, status: 'CANCELLED' }, userErrors: [] });
    const accepted = await acceptFirst(application!);
    expect(accepted.plan).toBeNull();
    expect(accepted.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: ['input', 'applicationId'] });
  });

  it('replays a retry with the same key and refuses a second cancellation under a new key', async () => {
    const { application } = await approved('200.00');
    const first = await cancel(application!.id, 'cancel-once');
    expect(await cancel(application!.id, 'cancel-once')).toEqual(first);
    const again = await cancel(application!.id);
    expect(again.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Cannot cancel an application that is CANCELLED' });
  });

  it('refuses to cancel an accepted or an expired application', async () => {
    const { application: used } = await approved('200.00');
    await acceptFirst(used!);
    expect((await cancel(used!.id)).userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    const { application: lapsed } = await approved('200.00');
    t.setNow('2027-02-20T15:00:00Z');
    expect((await cancel(lapsed!.id)).userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Cannot cancel an application that is EXPIRED' });
  });

  it('frees the applicant\'s exposure', async () => {
    const email = 'cancel.exposure@example.com';
    const first = await approved('9000.00', email);
    expect((await approved('9000.00', email)).application!.decision.reasonCode).toBe('EXPOSURE_LIMIT');
    await cancel(first.application!.id);
    expect((await approved('9000.00', email)).userErrors).toEqual([]);
  });

  it('cannot reach another partner\'s application', async () => {
    const { application } = await approved('200.00');
    const { cancelApplication } = await t.client(KEYS.globex).request(CancelApplicationDocument, { input: { applicationId: application!.id, idempotencyKey: nextKey() } });
    expect(cancelApplication).toMatchObject({ application: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });
});
