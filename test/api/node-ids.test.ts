import fs from 'node:fs';
import path from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { buildSchema, GraphQLInterfaceType } from 'graphql';
import { PaymentEstimatesDocument } from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

let t: TestGateway;
let acmeMerchantId: string;

const IDS_OF_EVERY_TYPE = `{
  viewer { partner { id } }
  plans(first: 40) { nodes {
    id merchant { id programs { id } } application { id offers { id } }
    installments { id } repayments(first: 1) { nodes { id } } refunds { id } events(first: 1) { nodes { id } }
  } }
}`;

type Id = { id: string };
interface PlanIds extends Id {
  merchant: Id & { programs: Id[] };
  application: Id & { offers: Id[] };
  installments: Id[];
  repayments: { nodes: Id[] };
  refunds: Id[];
  events: { nodes: Id[] };
}

/** One real id of every Node type the partner can reach, collected from its own portfolio. */
async function idsOfEveryType(key: string, apiKeyId: string): Promise<Record<string, string>> {
  const { data } = (await postQuery(t.url, key, IDS_OF_EVERY_TYPE)).body;
  const plans = (data!.plans as { nodes: PlanIds[] }).nodes;
  const first = (pick: (plan: PlanIds) => Id | undefined) => plans.map(pick).find(Boolean)!.id;
  const estimates = (await postQuery(t.url, key, 'query($m: ID!) { paymentEstimates(merchantId: $m, amount: { amount: "500.00", currency: USD }) { id } }',
    { m: first((p) => p.merchant) })).body.data!.paymentEstimates as { id: string }[];
  return {
    Partner: (data!.viewer as { partner: { id: string } }).partner.id,
    Merchant: first((p) => p.merchant), FinancingProgram: first((p) => p.merchant.programs[0]),
    Application: first((p) => p.application), Offer: first((p) => p.application.offers[0]),
    Plan: first((p) => p), Installment: first((p) => p.installments[0]), Repayment: first((p) => p.repayments.nodes[0]),
    Refund: first((p) => p.refunds[0]), PlanEvent: first((p) => p.events.nodes[0]), ApiKey: apiKeyId,
    'Offer (estimate)': estimates[0].id,
  };
}

const issueKey = async (partnerId: string, name: string) => (await postQuery(t.url, KEYS.admin,
  'mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } } }',
  { input: { name, role: 'PARTNER', partnerId, idempotencyKey: name } })).body.data!.issueApiKey as { apiKey: { id: string } };

const partnerIdOf = async (key: string) => ((await postQuery(t.url, key, '{ viewer { partner { id } } }')).body.data!.viewer as { partner: { id: string } }).partner.id;

const nodeOf = async (key: string, id: string) =>
  (await postQuery(t.url, key, 'query($id: ID!) { node(id: $id) { __typename id } }', { id })).body.data!.node as { __typename: string; id: string } | null;

let acmeIds: Record<string, string>;
let globexIds: Record<string, string>;

beforeAll(async () => {
  t = await startTestGateway('node_ids');
  const acmeKey = await issueKey(await partnerIdOf(KEYS.acme), 'acme-server');
  const globexKey = await issueKey(await partnerIdOf(KEYS.globex), 'globex-server');
  acmeIds = await idsOfEveryType(KEYS.acme, acmeKey.apiKey.id);
  globexIds = await idsOfEveryType(KEYS.globex, globexKey.apiKey.id);
  acmeMerchantId = acmeIds.Merchant;
});
afterAll(() => t.close());

describe('node', () => {
  it('is tested for every type that implements Node in the published schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
    const types = schema.getImplementations(schema.getType('Node') as GraphQLInterfaceType).objects.map((type) => type.name).sort();
    expect(Object.keys(acmeIds).map((name) => name.replace(' (estimate)', '')).filter((n, i, all) => all.indexOf(n) === i).sort()).toEqual(types);
  });

  it.each(['Partner', 'Merchant', 'FinancingProgram', 'Application', 'Offer', 'Offer (estimate)', 'Plan', 'Installment', 'Repayment', 'Refund', 'PlanEvent', 'ApiKey'])(
    'round-trips a %s id for its partner and for an ADMIN, and is null for another partner', async (type) => {
      const id = acmeIds[type];
      const typename = type.replace(' (estimate)', '');
      expect(await nodeOf(KEYS.acme, id)).toEqual({ __typename: typename, id });
      expect(await nodeOf(KEYS.admin, id)).toEqual({ __typename: typename, id });
      expect(await nodeOf(KEYS.globex, id)).toBeNull();
      expect(await nodeOf(KEYS.acme, globexIds[type])).toBeNull();
    });

  it('resolves every type through nodes in one request, keeping the order', async () => {
    const ids = Object.values(acmeIds);
    const { data } = (await postQuery(t.url, KEYS.acme, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).body;
    expect((data!.nodes as { id: string }[]).map((n) => n.id)).toEqual(ids);
  });

  it('shows analysts no API keys (platform administration, not portfolio data), and everything else', async () => {
    expect(await nodeOf(KEYS.analyst, acmeIds.ApiKey)).toBeNull();
    expect(await nodeOf(KEYS.analyst, acmeIds.Plan)).toEqual({ __typename: 'Plan', id: acmeIds.Plan });
  });
});

describe('paymentEstimates ids', () => {
  const estimateIds = async (amount: string) => ((await postQuery(t.url, KEYS.acme,
    'query($m: ID!, $a: Decimal!) { paymentEstimates(merchantId: $m, amount: { amount: $a, currency: USD }) { id } }', { m: acmeMerchantId, a: amount }))
    .body.data!.paymentEstimates as { id: string }[]).map((o) => o.id);

  it('differ between amounts and are the same for the same amount on the same day', async () => {
    const [hundred, again, nineHundred] = [await estimateIds('100.00'), await estimateIds('100.00'), await estimateIds('900.00')];
    expect(again).toEqual(hundred);
    expect(nineHundred.filter((id) => hundred.includes(id))).toEqual([]);
  });

  it('differ between start dates, because the schedule starts on a different day', async () => {
    const today = await estimateIds('300.00');
    t.setNow('2027-03-02T12:00:00Z');
    const tomorrow = await estimateIds('300.00');
    t.setNow('2027-03-01T12:00:00Z');
    expect(tomorrow.filter((id) => today.includes(id))).toEqual([]);
  });

  it('still resolve through node after the day they were issued, with the figures of their start date', async () => {
    const query = `query($m: ID!) { paymentEstimates(merchantId: $m, amount: { amount: "300.00", currency: USD }) { id schedule { dueDate } } }`;
    const [estimate] = (await postQuery(t.url, KEYS.acme, query, { m: acmeMerchantId })).body.data!.paymentEstimates as { id: string; schedule: unknown }[];
    t.setNow('2027-04-15T12:00:00Z');
    const node = await postQuery(t.url, KEYS.acme, 'query($id: ID!) { node(id: $id) { ... on Offer { id schedule { dueDate } } } }', { id: estimate.id });
    t.setNow('2027-03-01T12:00:00Z');
    expect(node.body.data!.node).toEqual(estimate);
  });

  const estimateId = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it.each([
    ['an impossible start date', 'Estimate:1:100.00:USD:2027-02-30'],
    ['a start date after today', 'Estimate:1:100.00:USD:2027-03-02'],
    ['the last representable start date', 'Estimate:1:100.00:USD:9999-12-31'],
    ['the first representable start date', 'Estimate:1:100.00:USD:0001-01-01'],
    ['another currency than the merchant\'s', 'Estimate:1:100.00:CAD:2027-03-01'],
    ['an unknown currency', 'Estimate:1:100.00:XXX:2027-03-01'],
    ['a zero amount', 'Estimate:1:0.00:USD:2027-03-01'],
    ['an amount too precise for USD', 'Estimate:1:100.005:USD:2027-03-01'],
    ['an amount outside the program', 'Estimate:1:5000.00:USD:2027-03-01'],
    ['an amount of sixteen digits', 'Estimate:1:9999999999999999.99:USD:2027-03-01'],
    ['a non-canonical amount', 'Estimate:1:100.0:USD:2027-03-01'],
    ['a program that does not exist', 'Estimate:999999:100.00:USD:2027-03-01'],
    ['a program id of zero', 'Estimate:0:100.00:USD:2027-03-01'],
  ])('resolve to null, never an error, for an id with %s', async (_name, text) => {
    const response = await postQuery(t.url, KEYS.admin, 'query($id: ID!) { node(id: $id) { id } }', { id: estimateId(text) });
    expect(response.body).toMatchObject({ data: { node: null } });
    expect(response.body.errors).toBeUndefined();
  });

  it('are refused by acceptOffer as NOT_FOUND', async () => {
    const created = await postQuery(t.url, KEYS.acme,
      'mutation($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }',
      { input: { merchantId: acmeMerchantId, amount: { amount: '300.00', currency: 'USD' }, idempotencyKey: 'estimate-accept',
        applicant: { firstName: 'Ida', lastName: 'Estimate', email: 'ida@example.com', creditScore: 780 } } });
    const applicationId = (created.body.data!.createApplication as { application: { id: string } }).application.id;
    const [estimateId] = await estimateIds('300.00');
    const accepted = await postQuery(t.url, KEYS.acme,
      'mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { plan { id } userErrors { code field } } }',
      { input: { applicationId, offerId: estimateId, idempotencyKey: 'estimate-accept-offer' } });
    expect(accepted.body.data!.acceptOffer).toEqual({ plan: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'offerId'] }] });
  });
});

describe(InMemoryCache.name, () => {
  it('keeps the figures of 100.00 and of 900.00 apart in Apollo Client 4', async () => {
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({ uri: t.url, headers: { authorization: `Bearer ${KEYS.acme}` } }),
    });
    const estimate = (amount: string) => ({ query: PaymentEstimatesDocument, variables: { merchantId: acmeMerchantId, amount: { amount, currency: 'USD' as const } } });
    const figures = (offers: readonly { amountFinanced: { amount: string }; installmentAmount: { amount: string } }[]) =>
      offers.map((o) => [o.amountFinanced.amount, o.installmentAmount.amount]);

    const hundred = await client.query(estimate('100.00'));
    const nineHundred = await client.query(estimate('900.00'));
    expect(figures(hundred.data!.paymentEstimates).every(([financed]) => financed === '100.00')).toBe(true);
    expect(figures(nineHundred.data!.paymentEstimates).every(([financed]) => financed === '900.00')).toBe(true);

    const cachedHundred = client.readQuery(estimate('100.00'));
    expect(figures(cachedHundred!.paymentEstimates)).toEqual(figures(hundred.data!.paymentEstimates));
    const cachedNineHundred = await client.query({ ...estimate('900.00'), fetchPolicy: 'cache-only' });
    expect(figures(cachedNineHundred.data!.paymentEstimates)).toEqual(figures(nineHundred.data!.paymentEstimates));
  });
});
