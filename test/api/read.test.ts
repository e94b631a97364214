import {
  MerchantPlansDocument, MerchantsDocument, NodeDocument, NodesDocument, PlanDocument, PlansDocument, ViewerDocument,
  MerchantApplicationsDocument,
} from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { topLevelError } from '../support/errors';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('read');
});
afterAll(() => t.close());

const merchantsOf = async (key: string) => (await t.client(key).request(MerchantsDocument, { first: 100 })).merchants;

describe('authentication', () => {
  it('refuses a request without a key with UNAUTHENTICATED and HTTP 401', async () => {
    expect(await topLevelError(t.client().request(ViewerDocument))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses an unknown key the same way', async () => {
    expect(await topLevelError(t.client('tnr_test_nope').request(ViewerDocument))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('tells each demo key its role and partner', async () => {
    expect((await t.client(KEYS.acme).request(ViewerDocument)).viewer).toMatchObject({ role: 'PARTNER', partner: { name: 'Acme Commerce' } });
    expect((await t.client(KEYS.analyst).request(ViewerDocument)).viewer).toEqual({ role: 'ANALYST', partner: null });
    expect((await t.client(KEYS.admin).request(ViewerDocument)).viewer).toEqual({ role: 'ADMIN', partner: null });
  });
});

describe('tenant scope', () => {
  it('shows a partner only its own merchants, and analysts all of them', async () => {
    const acme = await merchantsOf(KEYS.acme);
    const globex = await merchantsOf(KEYS.globex);
    const all = await merchantsOf(KEYS.analyst);
    expect(acme.edges.map((e) => e.node.name).every((n) => n.startsWith('Acme'))).toBe(true);
    expect(globex.edges.map((e) => e.node.name).every((n) => n.startsWith('Globex'))).toBe(true);
    expect(all.totalCount).toBe(acme.totalCount + globex.totalCount);
    expect(acme.totalCount).toBe(acme.edges.length);
  });

  it('makes another partner\'s merchant, plan and nested objects indistinguishable from missing ones', async () => {
    const [acmeMerchant] = (await merchantsOf(KEYS.acme)).edges;
    const plans = await t.client(KEYS.acme).request(MerchantPlansDocument, { id: acmeMerchant.node.id, first: 5 });
    const planId = plans.merchant!.plans.nodes[0].id;
    const globex = t.client(KEYS.globex);
    expect((await globex.request(NodeDocument, { id: acmeMerchant.node.id })).node).toBeNull();
    expect((await globex.request(NodeDocument, { id: planId })).node).toBeNull();
    expect((await globex.request(NodesDocument, { ids: [acmeMerchant.node.id, planId] })).nodes).toEqual([null, null]);
    expect((await globex.request(PlanDocument, { id: planId })).plan).toBeNull();
    expect((await globex.request(MerchantPlansDocument, { id: acmeMerchant.node.id, first: 5 })).merchant).toBeNull();
    const missing = Buffer.from('Plan:999999').toString('base64url');
    expect((await globex.request(PlanDocument, { id: missing })).plan).toBeNull();
  });

  it('keeps root plan lists to the partner', async () => {
    const acmePlans = await t.client(KEYS.acme).request(PlansDocument, { first: 100 });
    const merchantNames = new Set(acmePlans.plans.nodes.map((p) => p.merchant.name.split(' ')[0]));
    expect([...merchantNames]).toEqual(['Acme']);
  });

  it('resolves ids of every kind through node for the owner', async () => {
    const [acmeMerchant] = (await merchantsOf(KEYS.acme)).edges;
    expect((await t.client(KEYS.acme).request(NodeDocument, { id: acmeMerchant.node.id })).node).toMatchObject({ __typename: 'Merchant', name: acmeMerchant.node.name });
  });

  it('returns null for malformed, empty and other-type ids', async () => {
    const [acmeMerchant] = (await merchantsOf(KEYS.acme)).edges;
    const { nodes } = await t.client(KEYS.acme).request(NodesDocument, { ids: ['', 'not-an-id', "1' OR '1'='1", '🙂'.repeat(100)] });
    expect(nodes).toEqual([null, null, null, null]);
    expect((await t.client(KEYS.acme).request(PlanDocument, { id: acmeMerchant.node.id })).plan).toBeNull();
  });
});

describe('personal data', () => {
  it('masks applicants for analysts and shows them in full to their partner', async () => {
    const [acmeMerchant] = (await merchantsOf(KEYS.acme)).edges;
    const vars = { id: acmeMerchant.node.id, first: 3 };
    const partnerView = (await t.client(KEYS.acme).request(MerchantApplicationsDocument, vars)).merchant!.applications.nodes[0].applicant;
    const analystView = (await t.client(KEYS.analyst).request(MerchantApplicationsDocument, vars)).merchant!.applications.nodes[0].applicant;
    expect(partnerView.email).toMatch(/^[a-z.0-9]+@example\.com$/);
    expect(analystView.email).toMatch(/^.\*\*\*@example\.com$/);
    expect(analystView.lastName).toBe(`${partnerView.lastName[0]}***`);
  });
});

describe('connections', () => {
  const acmeMerchantId = async () => (await merchantsOf(KEYS.acme)).edges[0].node.id;

  it('visits every plan exactly once paging two at a time, forwards and backwards', async () => {
    const id = await acmeMerchantId();
    const client = t.client(KEYS.acme);
    const all = (await client.request(MerchantPlansDocument, { id, first: 100 })).merchant!.plans;
    const forward: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 100; page++) {
      const { plans } = (await client.request(MerchantPlansDocument, { id, first: 2, after })).merchant!;
      forward.push(...plans.nodes.map((p) => p.id));
      if (!plans.pageInfo.hasNextPage) break;
      after = plans.pageInfo.endCursor;
    }
    const backward: string[] = [];
    let before: string | null | undefined;
    for (let page = 0; page < 100; page++) {
      const { plans } = (await client.request(MerchantPlansDocument, { id, last: 2, before })).merchant!;
      backward.unshift(...plans.nodes.map((p) => p.id));
      if (!plans.pageInfo.hasPreviousPage) break;
      before = plans.pageInfo.startCursor;
    }
    expect(all.nodes.length).toBeGreaterThanOrEqual(12);
    expect(forward).toEqual(all.nodes.map((p) => p.id));
    expect(backward).toEqual(forward);
    expect(new Set(forward).size).toBe(all.totalCount);
  });

  it.each([0, -1, 101])('refuses first: %p with BAD_USER_INPUT', async (first) => {
    const id = await acmeMerchantId();
    expect((await topLevelError(t.client(KEYS.acme).request(MerchantPlansDocument, { id, first }))).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor it did not issue', async () => {
    const id = await acmeMerchantId();
    expect((await topLevelError(t.client(KEYS.acme).request(MerchantPlansDocument, { id, first: 2, after: 'bogus' }))).code).toBe('BAD_USER_INPUT');
  });

  it('filters by status and counts what the filter keeps', async () => {
    const id = await acmeMerchantId();
    const { plans } = (await t.client(KEYS.acme).request(MerchantPlansDocument, { id, first: 100, status: 'PAID_OFF' })).merchant!;
    expect(plans.totalCount).toBeGreaterThan(0);
    expect(plans.nodes.every((p) => p.status === 'PAID_OFF')).toBe(true);
    expect(plans.nodes).toHaveLength(plans.totalCount);
  });

  it('finds delinquent and expired plans by status: the start-up sweep stored what reads derive from the clock', async () => {
    const id = await acmeMerchantId();
    for (const status of ['DELINQUENT', 'EXPIRED'] as const) {
      const { plans } = (await t.client(KEYS.acme).request(MerchantPlansDocument, { id, first: 100, status })).merchant!;
      expect(plans.totalCount).toBeGreaterThan(0);
      expect(plans.nodes.every((p) => p.status === status)).toBe(true);
    }
  });

  it('seeds every plan status for each merchant', async () => {
    const id = await acmeMerchantId();
    const { plans } = (await t.client(KEYS.acme).request(MerchantPlansDocument, { id, first: 100 })).merchant!;
    expect(new Set(plans.nodes.map((p) => p.status))).toEqual(new Set(['AUTHORIZED', 'ACTIVE', 'DELINQUENT', 'PAID_OFF', 'REFUNDED', 'VOIDED', 'EXPIRED', 'CHARGED_OFF']));
  });
});
