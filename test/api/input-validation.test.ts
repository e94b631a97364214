import { ApiKey, Application, IdempotencyRecord, Merchant, Offer, Partner, FinancingProgram, Plan, Refund, Repayment } from '../../entities';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

let t: TestGateway;
let merchantId: string;
let planId: string;
let repaymentId: string;

const TABLES = [Partner, Merchant, FinancingProgram, ApiKey, Application, Offer, Plan, Repayment, Refund, IdempotencyRecord];
const rowCounts = () => Promise.all(TABLES.map((table) => t.gateway.db.dataSource.getRepository(table).count()));

beforeAll(async () => {
  t = await startTestGateway('input_validation');
  const ids = await postQuery(t.url, KEYS.acme, '{ plans(first: 1, status: ACTIVE) { nodes { id merchant { id } repayments(first: 1) { nodes { id } } } } }');
  const plan = (ids.body.data!.plans as { nodes: { id: string; merchant: { id: string }; repayments: { nodes: { id: string }[] } }[] }).nodes[0];
  [merchantId, planId, repaymentId] = [plan.merchant.id, plan.id, plan.repayments.nodes[0].id];
});
afterAll(() => t.close());

/** Applicant data the responses must never repeat, distinctive enough to grep for. */
const NAME = { firstName: 'Zebediah', lastName: 'Quackenbush' };
const EMAIL = 'zebediah.quackenbush@example.org';
const PHONE = '+1 (555) 867-5309';
const applicant = (overrides: Record<string, unknown>) => ({ ...NAME, email: EMAIL, phone: PHONE, creditScore: 760, ...overrides });

const createApplication = (input: Record<string, unknown>) => postQuery(t.url, KEYS.acme,
  'mutation($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } userErrors { field code message } } }',
  { input: { merchantId, amount: { amount: '500.00', currency: 'USD' }, idempotencyKey: 'validation-key', ...input } });

describe('ApplicantInput constraints', () => {
  it.each([
    ['firstName empty', { firstName: '' }, 'firstName', 'TOO_SHORT'],
    ['firstName of 101 characters', { firstName: 'Z'.repeat(101) }, 'firstName', 'TOO_LONG'],
    ['lastName empty', { lastName: '' }, 'lastName', 'TOO_SHORT'],
    ['lastName of 101 characters', { lastName: 'Q'.repeat(101) }, 'lastName', 'TOO_LONG'],
    ['email without an @', { email: 'zebediah.quackenbush.example.org' }, 'email', 'INVALID_EMAIL'],
    ['email of 255 characters', { email: `${'z'.repeat(243)}@example.org` }, 'email', 'TOO_LONG'],
    ['phone with letters', { phone: 'call 555 867 me' }, 'phone', 'INVALID_PHONE'],
    ['phone with 6 digits', { phone: '867-530' }, 'phone', 'INVALID_PHONE'],
    ['phone of 33 characters', { phone: `${PHONE}${' '.repeat(33 - PHONE.length)}` }, 'phone', 'TOO_LONG'],
    ['creditScore 900', { creditScore: 900 }, 'creditScore', 'OUT_OF_RANGE'],
    ['creditScore 299', { creditScore: 299 }, 'creditScore', 'OUT_OF_RANGE'],
  ])('refuses %s as a userError with its path and code, HTTP 200, nothing written, nothing echoed', async (_name, bad, field, code) => {
    const before = await rowCounts();
    const response = await createApplication({ applicant: applicant(bad) });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data!.createApplication as { application: unknown; userErrors: { field: string[]; code: string }[] };
    expect(payload.application).toBeNull();
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field: ['input', 'applicant', field], code }));
    for (const submitted of [NAME.firstName, NAME.lastName, EMAIL, PHONE, 'quackenbush', '867']) expect(response.text.toLowerCase()).not.toContain(submitted.toLowerCase());
    expect(await rowCounts()).toEqual(before);
  });

  it('reports every broken field of one input at once', async () => {
    const response = await createApplication({ applicant: applicant({ email: 'nope', creditScore: 900, firstName: '' }) });
    const { userErrors } = response.body.data!.createApplication as { userErrors: { field: string[]; code: string }[] };
    expect(userErrors.map((e) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.applicant.creditScore', 'OUT_OF_RANGE'], ['input.applicant.email', 'INVALID_EMAIL'], ['input.applicant.firstName', 'TOO_SHORT'],
    ]);
  });

  it('keeps no idempotency record for a refused input: the corrected input under the same key is applied', async () => {
    await createApplication({ applicant: applicant({ creditScore: 900 }), idempotencyKey: 'corrected-later' });
    const response = await createApplication({ applicant: applicant({}), idempotencyKey: 'corrected-later' });
    const payload = response.body.data!.createApplication as { application: { id: string } | null; userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    expect(payload.application).not.toBeNull();
  });
});

const mutate = (key: string, mutation: string, inputType: string, input: Record<string, unknown>, result: string) => postQuery(t.url, key,
  `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${result} { id } userErrors { field code } } }`, { input });

/** A valid input of every mutation that takes an idempotency key, and the payload field it returns. */
const MUTATIONS: [string, string, string, () => Record<string, unknown>, string][] = [
  [KEYS.acme, 'createApplication', 'CreateApplicationInput', () => ({ merchantId, amount: { amount: '500.00', currency: 'USD' }, applicant: applicant({}) }), 'application'],
  [KEYS.acme, 'acceptOffer', 'AcceptOfferInput', () => ({ applicationId: planId, offerId: planId }), 'plan'],
  [KEYS.acme, 'capturePlan', 'CapturePlanInput', () => ({ planId }), 'plan'],
  [KEYS.acme, 'voidPlan', 'VoidPlanInput', () => ({ planId }), 'plan'],
  [KEYS.acme, 'refundPlan', 'RefundPlanInput', () => ({ planId, amount: { amount: '1.00', currency: 'USD' } }), 'plan'],
  [KEYS.acme, 'recordRepayment', 'RecordRepaymentInput', () => ({ planId, amount: { amount: '1.00', currency: 'USD' } }), 'plan'],
  [KEYS.acme, 'reverseRepayment', 'ReverseRepaymentInput', () => ({ repaymentId }), 'plan'],
  [KEYS.admin, 'createPartner', 'CreatePartnerInput', () => ({ name: 'Initrode' }), 'partner'],
  [KEYS.admin, 'createMerchant', 'CreateMerchantInput', () => ({ partnerId: 'UGFydG5lcjox', name: 'Initrode Store', currency: 'USD' }), 'merchant'],
  [KEYS.admin, 'createFinancingProgram', 'CreateFinancingProgramInput', () => program(12), 'program'],
  [KEYS.admin, 'issueApiKey', 'IssueApiKeyInput', () => ({ name: 'probe', role: 'ANALYST' }), 'apiKey'],
];

describe('idempotencyKey of every mutation', () => {
  it.each(MUTATIONS.flatMap(([key, mutation, inputType, input, result]) => [
    [mutation, 'empty', key, inputType, input, result, '', 'TOO_SHORT'],
    [mutation, 'of 256 characters', key, inputType, input, result, 'k'.repeat(256), 'TOO_LONG'],
  ] as const))('refuses %s with an idempotencyKey %s as a userError, writing nothing', async (mutation, _how, key, inputType, input, result, idempotencyKey, code) => {
    const before = await rowCounts();
    const response = await mutate(key, mutation, inputType, { ...input(), idempotencyKey }, result);
    expect(response.status).toBe(200);
    expect(response.body.data![mutation]).toEqual({ [result]: null, userErrors: [{ field: ['input', 'idempotencyKey'], code }] });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('constraints of every other mutation input', () => {
  it.each([
    ['a refund reason of 501 characters', KEYS.acme, 'refundPlan', 'RefundPlanInput',
      () => ({ planId, amount: { amount: '1.00', currency: 'USD' }, reason: 'r'.repeat(501), idempotencyKey: 'long-reason' }), 'plan', ['input', 'reason'], 'TOO_LONG'],
    ['a reversal reason of 501 characters', KEYS.acme, 'reverseRepayment', 'ReverseRepaymentInput',
      () => ({ repaymentId, reason: 'r'.repeat(501), idempotencyKey: 'long-reversal' }), 'plan', ['input', 'reason'], 'TOO_LONG'],
    ['an empty partner name', KEYS.admin, 'createPartner', 'CreatePartnerInput', () => ({ name: '', idempotencyKey: 'p-empty' }), 'partner', ['input', 'name'], 'TOO_SHORT'],
    ['a partner name of 201 characters', KEYS.admin, 'createPartner', 'CreatePartnerInput', () => ({ name: 'N'.repeat(201), idempotencyKey: 'p-long' }), 'partner', ['input', 'name'], 'TOO_LONG'],
    ['an empty merchant name', KEYS.admin, 'createMerchant', 'CreateMerchantInput',
      () => ({ partnerId: 'UGFydG5lcjox', name: '', currency: 'USD', idempotencyKey: 'm-empty' }), 'merchant', ['input', 'name'], 'TOO_SHORT'],
    ['a merchant name of 201 characters', KEYS.admin, 'createMerchant', 'CreateMerchantInput',
      () => ({ partnerId: 'UGFydG5lcjox', name: 'M'.repeat(201), currency: 'USD', idempotencyKey: 'm-long' }), 'merchant', ['input', 'name'], 'TOO_LONG'],
    ['a program of 0 terms', KEYS.admin, 'createFinancingProgram', 'CreateFinancingProgramInput', () => program(0), 'program', ['input', 'termCount'], 'OUT_OF_RANGE'],
    ['a program of 37 terms', KEYS.admin, 'createFinancingProgram', 'CreateFinancingProgramInput', () => program(37), 'program', ['input', 'termCount'], 'OUT_OF_RANGE'],
    ['an empty API key name', KEYS.admin, 'issueApiKey', 'IssueApiKeyInput',
      () => ({ name: '', role: 'ANALYST', idempotencyKey: 'k-empty' }), 'apiKey', ['input', 'name'], 'TOO_SHORT'],
    ['an API key name of 201 characters', KEYS.admin, 'issueApiKey', 'IssueApiKeyInput',
      () => ({ name: 'K'.repeat(201), role: 'ANALYST', idempotencyKey: 'k-long' }), 'apiKey', ['input', 'name'], 'TOO_LONG'],
  ])('refuses %s as a userError, writing nothing', async (_name, key, mutation, inputType, input, result, field, code) => {
    const before = await rowCounts();
    const response = await mutate(key, mutation, inputType, input(), result);
    expect(response.status).toBe(200);
    expect(response.body.data![mutation]).toEqual({ [result]: null, userErrors: [{ field, code }] });
    expect(await rowCounts()).toEqual(before);
  });
});

const program = (termCount: number) => ({
  merchantId, kind: 'INSTALLMENTS', termCount, apr: '10.00', merchantFeeRate: '3.00',
  minAmount: { amount: '100.00', currency: 'USD' }, maxAmount: { amount: '900.00', currency: 'USD' }, idempotencyKey: `terms-${termCount}`,
});
