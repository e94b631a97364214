import {
  CreateApplicationDocument, CreateFinancingProgramDocument, CreateMerchantDocument, CreatePartnerDocument, IssueApiKeyDocument,
  MerchantProgramsDocument, MerchantsDocument, RetireFinancingProgramDocument, RevokeApiKeyDocument, ViewerDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { topLevelError } from '../support/errors';

let t: TestGateway;
const admin = () => t.client(KEYS.admin);
beforeAll(async () => {
  t = await startTestGateway('admin');
});
afterAll(() => t.close());

describe('platform operations', () => {
  it('onboards a partner with a merchant, a program and a key that works at once and stops at revocation', async () => {
    const { createPartner } = await admin().request(CreatePartnerDocument, { input: { name: 'Initech', idempotencyKey: 'p1' } });
    expect(createPartner.userErrors).toEqual([]);
    const { createMerchant } = await admin().request(CreateMerchantDocument, { input: { partnerId: createPartner.partner!.id, name: 'Initech Store', currency: 'USD', idempotencyKey: 'm1' } });
    const merchantId = createMerchant.merchant!.id;
    const { createFinancingProgram } = await admin().request(CreateFinancingProgramDocument, { input: {
      merchantId, kind: 'INSTALLMENTS', termCount: 12, apr: '9.99', merchantFeeRate: '3.50',
      minAmount: { amount: '100.00', currency: 'USD' }, maxAmount: { amount: '5000.00', currency: 'USD' }, idempotencyKey: 'pr1',
    } });
    expect(createFinancingProgram.program).toMatchObject({ kind: 'INSTALLMENTS', termCount: 12, apr: '9.99', active: true });

    const { issueApiKey } = await admin().request(IssueApiKeyDocument, { input: { name: 'initech web', role: 'PARTNER', partnerId: createPartner.partner!.id, idempotencyKey: 'k1' } });
    expect(issueApiKey.plainKey).toMatch(/^tnr_test_[A-Za-z0-9_-]{32}$/);
    expect(issueApiKey.apiKey!.displayPrefix).toBe(issueApiKey.plainKey!.slice(0, issueApiKey.apiKey!.displayPrefix.length));
    const partnerClient = t.client(issueApiKey.plainKey!);
    expect((await partnerClient.request(ViewerDocument)).viewer).toMatchObject({ role: 'PARTNER', partner: { name: 'Initech' } });
    expect((await partnerClient.request(MerchantsDocument, { first: 10 })).merchants.edges.map((e) => e.node.name)).toEqual(['Initech Store']);

    const application = await partnerClient.request(CreateApplicationDocument, { input: {
      merchantId, amount: { amount: '1200.00', currency: 'USD' }, idempotencyKey: 'a1',
      applicant: { firstName: 'Milton', lastName: 'Waddams', email: 'milton@example.com', creditScore: 760 },
    } });
    expect(application.createApplication.application!.offers.map((o) => o.apr)).toEqual(['9.99']);

    await admin().request(RevokeApiKeyDocument, { input: { apiKeyId: issueApiKey.apiKey!.id } });
    expect((await topLevelError(partnerClient.request(ViewerDocument))).code).toBe('UNAUTHENTICATED');
  });

  it('shows a key once: a replay of issueApiKey returns the key record without the key', async () => {
    const input = { name: 'analyst laptop', role: 'ANALYST' as const, idempotencyKey: 'k2' };
    const first = await admin().request(IssueApiKeyDocument, { input });
    const replay = await admin().request(IssueApiKeyDocument, { input });
    expect(first.issueApiKey.plainKey).toBeTruthy();
    expect(replay.issueApiKey.apiKey!.id).toBe(first.issueApiKey.apiKey!.id);
    expect(replay.issueApiKey.plainKey).toBeNull();
  });

  it('retires a program: it stays listed as inactive and makes no new offers', async () => {
    const { merchants } = await admin().request(MerchantsDocument, { first: 1 });
    const merchantId = merchants.edges[0].node.id;
    const { merchant } = await admin().request(MerchantProgramsDocument, { id: merchantId });
    const twelve = merchant!.programs.find((p) => p.termCount === 12)!;
    const { retireFinancingProgram } = await admin().request(RetireFinancingProgramDocument, { input: { programId: twelve.id } });
    expect(retireFinancingProgram.program).toMatchObject({ id: twelve.id, active: false });
    const application = await t.client(KEYS.acme).request(CreateApplicationDocument, { input: {
      merchantId, amount: { amount: '500.00', currency: 'USD' }, idempotencyKey: 'a2',
      applicant: { firstName: 'Peter', lastName: 'Gibbons', email: 'peter@example.com', creditScore: 800 },
    } });
    expect(application.createApplication.application!.offers.map((o) => o.termCount)).not.toContain(12);
  });

  it('refuses bad program terms with userErrors naming the field', async () => {
    const { merchants } = await admin().request(MerchantsDocument, { first: 1 });
    const base = {
      merchantId: merchants.edges[0].node.id, kind: 'INSTALLMENTS' as const, termCount: 12, apr: '15.00', merchantFeeRate: '3.00',
      minAmount: { amount: '100.00', currency: 'USD' as const }, maxAmount: { amount: '50.00', currency: 'USD' as const },
    };
    const minOverMax = await admin().request(CreateFinancingProgramDocument, { input: { ...base, idempotencyKey: 'bad1' } });
    expect(minOverMax.createFinancingProgram.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'minAmount'] });
    const usurious = await admin().request(CreateFinancingProgramDocument, { input: { ...base, apr: '36.01', maxAmount: { amount: '500.00', currency: 'USD' }, idempotencyKey: 'bad2' } });
    expect(usurious.createFinancingProgram.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'apr'] });
  });

  it('refuses inputs that break their declared constraints as userErrors, writing nothing', async () => {
    const { merchants } = await admin().request(MerchantsDocument, { first: 1 });
    const tooLong = await admin().request(CreatePartnerDocument, { input: { name: 'N'.repeat(201), idempotencyKey: 'long1' } });
    expect(tooLong.createPartner).toMatchObject({ partner: null, userErrors: [{ code: 'TOO_LONG', field: ['input', 'name'] }] });
    const termOverMax = await admin().request(CreateFinancingProgramDocument, { input: {
      merchantId: merchants.edges[0].node.id, kind: 'INSTALLMENTS', termCount: 37, apr: '15.00', merchantFeeRate: '3.00',
      minAmount: { amount: '100.00', currency: 'USD' }, maxAmount: { amount: '500.00', currency: 'USD' }, idempotencyKey: 'long2',
    } });
    expect(termOverMax.createFinancingProgram).toMatchObject({ program: null, userErrors: [{ code: 'OUT_OF_RANGE', field: ['input', 'termCount'] }] });
    const retried = await admin().request(CreatePartnerDocument, { input: { name: 'N'.repeat(200), idempotencyKey: 'long1' } });
    expect(retried.createPartner.partner!.name).toHaveLength(200);
  });

  it('refuses a duplicate partner name', async () => {
    const { createPartner } = await admin().request(CreatePartnerDocument, { input: { name: 'Acme Commerce', idempotencyKey: 'dup' } });
    expect(createPartner.userErrors[0]).toMatchObject({ code: 'TAKEN', field: ['input', 'name'] });
  });

  it('keeps admin operations to ADMIN keys', async () => {
    const request = t.client(KEYS.acme).request(CreatePartnerDocument, { input: { name: 'Sneaky', idempotencyKey: 's1' } });
    expect(await topLevelError(request)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
