import {
  AcceptOfferDocument, CancelApplicationDocument, CapturePlanDocument, CreateApplicationDocument, CreateFinancingProgramDocument,
  CreateMerchantDocument, CreatePartnerDocument, IssueApiKeyDocument, MerchantsDocument, NestedReadDocument, PaymentEstimatesDocument,
  PlansDocument, RecordRepaymentDocument, RefundPlanDocument, RetireFinancingProgramDocument, ReverseRepaymentDocument,
  RevokeApiKeyDocument, VoidPlanDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

let t: TestGateway;
let merchantId: string;
let key = 0;
const nextKey = () => `count-${++key}`;
const usd = (amount: string) => ({ amount, currency: 'USD' as const });
let counts: Record<string, number> = {};

/**
 * Statements per request, the API key lookup included, as the repository layer sends them (#16;
 * the TypeORM repositories before it re-read what they had just inserted, two to three statements
 * more per createApplication, acceptOffer, capturePlan and createFinancingProgram). A change here is
 * a change in what a request costs: say why in the commit. Not counted: the once-a-minute UPDATE of
 * a key's lastUsedAt, which runs beside the request, not in it. MySQL opens a transaction with START
 * TRANSACTION alone (sessions read committed by default, db/timeouts.ts), as SQLite does with BEGIN,
 * and locks an applicant's credit decisions with one statement more (an upsert of its lock row).
 * reverseRepayment reads its repayment's plan once before the transaction, to wait in that plan's
 * writer lane (plan-writers.ts) like the plan's payments; a partner's capturePlan, voidPlan,
 * refundPlan and recordRepayment (a replay too) read their plan once, scoped, before taking its lane:
 * a lane is taken only for a plan the caller can see (#25). Plan mutations answer from the rows they
 * committed (the snapshot primed into the loaders), except the rows of a multi-row INSERT (capturePlan's
 * installments, createApplication's offers), read back rather than assume their ids consecutive.
 * A status change adds one upsert of the plan status counters it moves, just before COMMIT
 * (docs/scaling.md, "Counting a million plans"): acceptOffer, capturePlan and voidPlan +1; a
 * repayment, refund or reversal that changes no status writes none. A repayment, refund or
 * reversal reads the plan's stored allocations (one indexed SELECT) rather than replaying the books
 * as loaded to learn them: the replay folds every money event once per event and cost more CPU.
 * acceptOffer moves its application to ACCEPTED through the application transition, which writes
 * that move's audit event (application_events), as cancelApplication and the sweep do (#26).
 */
const EXPECTED = {
  sqlite: {
    createApplication: 12, acceptOffer: 15, capturePlan: 12, recordRepayment: 16, 'recordRepayment replay': 10, refundPlan: 15,
    reverseRepayment: 17, cancelApplication: 10, voidPlan: 10, nestedRead: 5, plans: 5, paymentEstimates: 3,
    createPartner: 8, createMerchant: 8, createFinancingProgram: 8, retireFinancingProgram: 6, issueApiKey: 8, revokeApiKey: 6,
  },
  mysql: {
    createApplication: 13, acceptOffer: 16, capturePlan: 12, recordRepayment: 16, 'recordRepayment replay': 10, refundPlan: 15,
    reverseRepayment: 17, cancelApplication: 10, voidPlan: 10, nestedRead: 5, plans: 5, paymentEstimates: 3,
    createPartner: 8, createMerchant: 8, createFinancingProgram: 8, retireFinancingProgram: 6, issueApiKey: 8, revokeApiKey: 6,
  },
};
const expected = process.env.TEST_DATABASE_URL ? EXPECTED.mysql : EXPECTED.sqlite;

beforeAll(async () => {
  t = await startTestGateway('statement_counts', { now: '2027-01-15T15:00:00Z' });
  const { merchants } = await t.client(KEYS.acme).request(MerchantsDocument, { first: 10 });
  merchantId = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
beforeEach(() => {
  counts = {};
});
afterAll(() => t.close());

const recordsKeyUse = (statement: string) => /^UPDATE\W+api_keys\W+SET\W+lastUsedAt/.test(statement);

/** Statements one request sends, the API key lookup included. */
async function counted<T>(name: string, run: () => Promise<T>): Promise<T> {
  t.sql.reset();
  const result = await run();
  counts[name] = t.sql.statements.filter((statement) => !recordsKeyUse(statement)).length;
  return result;
}

const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, expected[name as keyof typeof expected]]));

describe('statements per operation', () => {
  it('of the lifecycle and the reads, with the key lookup', async () => {
    const acme = t.client(KEYS.acme);
    const applicant = { firstName: 'Pat', lastName: 'Buyer', email: 'count@example.com', creditScore: 780 };
    const { createApplication } = await counted('createApplication', () => acme.request(CreateApplicationDocument, { input: {
      merchantId, amount: usd('400.00'), idempotencyKey: nextKey(), applicant } }));
    const offer = createApplication.application!.offers.find((o) => o.kind === 'PAY_IN_4')!;
    const { acceptOffer } = await counted('acceptOffer', () => acme.request(AcceptOfferDocument, { input: {
      applicationId: createApplication.application!.id, offerId: offer.id, idempotencyKey: nextKey() } }));
    const planId = acceptOffer.plan!.id;
    await counted('capturePlan', () => acme.request(CapturePlanDocument, { input: { planId, idempotencyKey: nextKey() } }));
    const { recordRepayment } = await counted('recordRepayment', () => acme.request(RecordRepaymentDocument, { input: { planId, amount: usd('100.00'), idempotencyKey: nextKey() } }));
    await counted('recordRepayment replay', () => acme.request(RecordRepaymentDocument, { input: { planId, amount: usd('100.00'), idempotencyKey: `count-${key}` } }));
    await counted('refundPlan', () => acme.request(RefundPlanDocument, { input: { planId, amount: usd('50.00'), idempotencyKey: nextKey() } }));
    await counted('reverseRepayment', () => acme.request(ReverseRepaymentDocument, { input: { repaymentId: recordRepayment.repayment!.id, idempotencyKey: nextKey() } }));
    const second = await acme.request(CreateApplicationDocument, { input: { merchantId, amount: usd('300.00'), idempotencyKey: nextKey(), applicant } });
    await counted('cancelApplication', () => acme.request(CancelApplicationDocument, { input: { applicationId: second.createApplication.application!.id, idempotencyKey: nextKey() } }));
    const third = await acme.request(CreateApplicationDocument, { input: { merchantId, amount: usd('200.00'), idempotencyKey: nextKey(), applicant } });
    const accepted = await acme.request(AcceptOfferDocument, { input: {
      applicationId: third.createApplication.application!.id, offerId: third.createApplication.application!.offers[0].id, idempotencyKey: nextKey() } });
    await counted('voidPlan', () => acme.request(VoidPlanDocument, { input: { planId: accepted.acceptOffer.plan!.id, idempotencyKey: nextKey() } }));
    await counted('nestedRead', () => acme.request(NestedReadDocument, { id: merchantId, first: 20 }));
    await counted('plans', () => t.client(KEYS.analyst).request(PlansDocument, { first: 20 }));
    await counted('paymentEstimates', () => acme.request(PaymentEstimatesDocument, { merchantId, amount: usd('500.00') }));
    expect(counts).toEqual(pick(Object.keys(counts)));
    expect(Object.keys(counts)).toHaveLength(12);
  });

  it('of the admin operations', async () => {
    const admin = t.client(KEYS.admin);
    const { createPartner } = await counted('createPartner', () => admin.request(CreatePartnerDocument, { input: { name: 'Counted', idempotencyKey: nextKey() } }));
    const partnerId = createPartner.partner!.id;
    const { createMerchant } = await counted('createMerchant', () => admin.request(CreateMerchantDocument, { input: { partnerId, name: 'M', currency: 'USD', idempotencyKey: nextKey() } }));
    const { createFinancingProgram } = await counted('createFinancingProgram', () => admin.request(CreateFinancingProgramDocument, { input: {
      merchantId: createMerchant.merchant!.id, kind: 'PAY_IN_4', termCount: 4, apr: '0.00', merchantFeeRate: '5.00',
      minAmount: usd('50.00'), maxAmount: usd('1000.00'), idempotencyKey: nextKey() } }));
    await counted('retireFinancingProgram', () => admin.request(RetireFinancingProgramDocument, { input: { programId: createFinancingProgram.program!.id } }));
    const { issueApiKey } = await counted('issueApiKey', () => admin.request(IssueApiKeyDocument, { input: { name: 'k', role: 'PARTNER', partnerId, idempotencyKey: nextKey() } }));
    await counted('revokeApiKey', () => admin.request(RevokeApiKeyDocument, { input: { apiKeyId: issueApiKey.apiKey!.id } }));
    expect(counts).toEqual(pick(Object.keys(counts)));
    expect(Object.keys(counts)).toHaveLength(6);
  });
});
