import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema, getNamedType, GraphQLEnumType, GraphQLInputObjectType, GraphQLInputType, isEnumType, isInputObjectType,
  isNonNullType, isScalarType,
} from 'graphql';
import { AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument, MerchantsDocument, RecordRepaymentDocument, ViewerDocument } from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

/**
 * Generated from the schema: for every mutation whose input has an idempotencyKey, the first call
 * succeeds, then the same key with ANY one input field changed (every leaf, nested ones included,
 * optional ones added) must be refused as IDEMPOTENCY_KEY_REUSED. A field the hash did not cover
 * would replay the first result instead.
 */
const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields())
  .filter((field) => field.args.some((a) => a.name === 'input' && (getNamedType(a.type) as GraphQLInputObjectType).getFields().idempotencyKey));

type Input = Record<string, unknown>;
let t: TestGateway;
let n = 0;
const fixtures: Record<string, { key: string; input: () => Promise<Input> }> = {};
const usd = (amount: string) => ({ amount, currency: 'USD' as const });

async function approvedApplication(amount = '200.00') {
  const { createApplication } = await t.client(KEYS.acme).request(CreateApplicationDocument, { input: {
    merchantId: merchantIdOf.acmeUsd, amount: usd(amount), idempotencyKey: `setup-${++n}`,
    applicant: { firstName: 'Ida', lastName: 'Empotent', email: `ida${n}@example.com`, creditScore: 780 },
  } });
  return createApplication.application!;
}

async function authorizedPlan() {
  const application = await approvedApplication();
  const offer = application.offers.find((o) => o.kind === 'PAY_IN_4')!;
  const { acceptOffer } = await t.client(KEYS.acme).request(AcceptOfferDocument, { input: { applicationId: application.id, offerId: offer.id, idempotencyKey: `setup-${++n}` } });
  return acceptOffer.plan!.id;
}

async function activePlan() {
  const planId = await authorizedPlan();
  await t.client(KEYS.acme).request(CapturePlanDocument, { input: { planId, idempotencyKey: `setup-${++n}` } });
  return planId;
}

const merchantIdOf = { acmeUsd: '' };

beforeAll(async () => {
  t = await startTestGateway('idempotency_inputs', { now: '2027-01-15T15:00:00Z' });
  const { merchants } = await t.client(KEYS.acme).request(MerchantsDocument, { first: 10 });
  merchantIdOf.acmeUsd = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
  const { viewer } = await t.client(KEYS.acme).request(ViewerDocument);
  const partnerId = viewer.partner!.id;
  Object.assign(fixtures, {
    createApplication: { key: KEYS.acme, input: async () => ({
      merchantId: merchantIdOf.acmeUsd, amount: usd('300.00'),
      applicant: { firstName: 'Ann', lastName: 'Other', email: 'ann.other@example.com', phone: '+1 555 0100', creditScore: 760 },
    }) },
    cancelApplication: { key: KEYS.acme, input: async () => ({ applicationId: (await approvedApplication()).id }) },
    acceptOffer: { key: KEYS.acme, input: async () => {
      const application = await approvedApplication();
      return { applicationId: application.id, offerId: application.offers[0].id };
    } },
    capturePlan: { key: KEYS.acme, input: async () => ({ planId: await authorizedPlan() }) },
    voidPlan: { key: KEYS.acme, input: async () => ({ planId: await authorizedPlan() }) },
    refundPlan: { key: KEYS.acme, input: async () => ({ planId: await activePlan(), amount: usd('20.00'), reason: 'returned' }) },
    recordRepayment: { key: KEYS.acme, input: async () => ({ planId: await activePlan(), amount: usd('10.00') }) },
    reverseRepayment: { key: KEYS.acme, input: async () => {
      const planId = await activePlan();
      const { recordRepayment } = await t.client(KEYS.acme).request(RecordRepaymentDocument, { input: { planId, amount: usd('10.00'), idempotencyKey: `setup-${++n}` } });
      return { repaymentId: recordRepayment.repayment!.id, reason: 'returned payment' };
    } },
    createPartner: { key: KEYS.admin, input: async () => ({ name: 'Initech Partners' }) },
    createMerchant: { key: KEYS.admin, input: async () => ({ partnerId, name: 'Initech Store', currency: 'USD' }) },
    createFinancingProgram: { key: KEYS.admin, input: async () => ({
      merchantId: merchantIdOf.acmeUsd, kind: 'INSTALLMENTS', termCount: 9, apr: '9.99', merchantFeeRate: '3.00',
      minAmount: usd('100.00'), maxAmount: usd('5000.00'),
    }) },
    issueApiKey: { key: KEYS.admin, input: async () => ({ name: 'reporting', role: 'ANALYST' }) },
  });
});
afterAll(() => t.close());

/** A different value of the same type (for a leaf that is set) or a value for one that is not. */
function variant(type: GraphQLInputType, current: unknown): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return (named as GraphQLEnumType).getValues().map((v) => v.value).find((v) => v !== current);
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int': return typeof current === 'number' ? current + 1 : 700;
      case 'Boolean': return !current;
      case 'Date': return current === '2027-01-10' ? '2027-01-11' : '2027-01-10';
      case 'Decimal': return current === undefined ? '1.00' : String(current).replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
      // A changed value must still pass the input's constraints, or validation refuses it before the
      // idempotency check: a trailing digit (a phone) is changed rather than followed by a letter.
      default: return current === undefined ? 'variant' : String(current).replace(/(\d)$|$/, (d) => (d ? String((Number(d) + 1) % 10) : 'x'));
    }
  }
  throw new Error(`no variant for ${named.toString()}`);
}

/** Every input with exactly one leaf changed (or one optional leaf added), named by its path. */
function variants(type: GraphQLInputObjectType, input: Input, prefix: string[] = []): [string, Input][] {
  const out: [string, Input][] = [];
  for (const field of Object.values(type.getFields())) {
    if (prefix.length === 0 && field.name === 'idempotencyKey') continue;
    const named = getNamedType(field.type);
    const current = input[field.name];
    if (isInputObjectType(named)) {
      if (current === undefined && isNonNullType(field.type)) throw new Error(`fixture lacks ${[...prefix, field.name].join('.')}`);
      const base = (current ?? Object.fromEntries(Object.values(named.getFields()).map((f) => [f.name, variant(f.type, undefined)]))) as Input;
      if (current === undefined) out.push([[...prefix, field.name].join('.'), { ...input, [field.name]: base }]);
      else for (const [p, changed] of variants(named, base, [...prefix, field.name])) out.push([p, { ...input, [field.name]: changed }]);
    } else {
      out.push([[...prefix, field.name].join('.'), { ...input, [field.name]: variant(field.type, current) }]);
    }
  }
  return out;
}

describe('idempotency hash covers the whole input', () => {
  it('has a fixture for every mutation that takes an idempotencyKey', () => {
    expect(mutations.map((m) => m.name).sort()).toEqual(Object.keys(fixtures).sort());
  });

  it.each(mutations.map((m) => [m.name]))('%s: any changed field with the same key is IDEMPOTENCY_KEY_REUSED', async (name) => {
    const field = mutations.find((m) => m.name === name)!;
    const inputType = getNamedType(field.args.find((a) => a.name === 'input')!.type) as GraphQLInputObjectType;
    const document = `mutation($input: ${inputType.name}!) { ${name}(input: $input) { userErrors { code field } } }`;
    const fixture = fixtures[name];
    const client = t.client(fixture.key);
    const idempotencyKey = `hash-${name}`;
    const input = await fixture.input();
    const first = await client.request<Record<string, { userErrors: { code: string }[] }>>(document, { input: { ...input, idempotencyKey } });
    expect(first[name].userErrors).toEqual([]);
    const refusedPaths: string[] = [];
    const cases = variants(inputType, input);
    for (const [leaf, changed] of cases) {
      const again = await client.request<Record<string, { userErrors: { code: string }[] }>>(document, { input: { ...changed, idempotencyKey } });
      if (again[name].userErrors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED')) refusedPaths.push(leaf);
    }
    expect(refusedPaths).toEqual(cases.map(([leaf]) => leaf));
  });
});
