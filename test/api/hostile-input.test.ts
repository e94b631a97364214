import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema, getNamedType, GraphQLInputObjectType, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType,
} from 'graphql';
import { Application, Installment, Merchant, Partner, Plan, PlanEvent, Refund, Repayment } from '../../entities';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, postQuery, rawRequest, RawResponse } from '../support/raw-http';

let t: TestGateway;
let acmePlanId: string;
let globexPlanId: string;
let acmeMerchantId: string;
const sent: string[] = [];

const TABLES = [Partner, Merchant, Application, Plan, Installment, Repayment, Refund, PlanEvent];
const rowCounts = () => Promise.all(TABLES.map((table) => t.gateway.db.dataSource.getRepository(table).count()));
let countsBefore: number[];

const PLAN_IDS = '{ plans(first: 1) { nodes { id merchant { id } } } }';
beforeAll(async () => {
  t = await startTestGateway('hostile');
  const acme = (await postQuery(t.url, KEYS.acme, PLAN_IDS)).body.data!.plans as { nodes: { id: string; merchant: { id: string } }[] };
  acmePlanId = acme.nodes[0].id;
  acmeMerchantId = acme.nodes[0].merchant.id;
  globexPlanId = ((await postQuery(t.url, KEYS.globex, PLAN_IDS)).body.data!.plans as { nodes: { id: string }[] }).nodes[0].id;
  countsBefore = await rowCounts();
});

/** Every hostile request leaves the gateway serving: a normal request right after it succeeds. */
afterEach(async () => {
  const normal = await postQuery(t.url, KEYS.acme, '{ viewer { role } }');
  expect(normal.status).toBe(200);
  expect(normal.body.data).toEqual({ viewer: { role: 'PARTNER' } });
});

afterAll(async () => {
  // Nothing any hostile request asked for was written.
  expect(await rowCounts()).toEqual(countsBefore);
  // Printed so the report can say how many hostile requests the suite sends.
  console.log(`hostile-input suite: ${sent.length} hostile requests`);
  await t.close();
});

async function hostile(send: () => Promise<RawResponse>, label: string): Promise<RawResponse> {
  sent.push(label);
  const response = await send();
  // No stack frames and no driver text (SQLite's SQLITE_* or MySQL's ER_* codes, TypeORM's errors).
  expect(response.text).not.toMatch(/\bat \S+ \(|stacktrace|SQLITE_|\bER_[A-Z_]+|QueryFailedError/);
  return response;
}

describe('transport', () => {
  const post = (body: string, headers: Record<string, string> = {}) => hostile(() => rawRequest(t.url, { key: KEYS.acme, body, headers }), body.slice(0, 40));

  it.each([
    ['malformed JSON', '{"query": "{ viewer { role } }"', {}, 400, 'BAD_REQUEST'],
    ['a JSON string instead of an object', '"{ viewer { role } }"', {}, 400, 'BAD_REQUEST'],
    ['a missing query', '{"variables": {}}', {}, 400, 'BAD_REQUEST'],
    ['an empty body', '', {}, 400, 'BAD_REQUEST'],
    ['a wrong content type', '{"query": "{ viewer { role } }"}', { 'content-type': 'text/plain' }, 400, 'BAD_REQUEST'],
    ['a form post', 'query=%7Bviewer%7Brole%7D%7D', { 'content-type': 'application/x-www-form-urlencoded' }, 400, 'BAD_REQUEST'],
    ['a batch of 100 operations', JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ viewer { role } }' }))), {}, 400, 'BATCHING_NOT_SUPPORTED'],
    ['a 1 MB body', JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(1024 * 1024)}` }), {}, 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with its HTTP status and a code', async (_name, body, headers, status, code) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect(firstCode(response)).toBe(code);
    expect(response.body.errors![0].extensions!.requestId).toEqual(expect.any(String));
  });

  it('blocks a GET that a browser could send cross-site (CSRF prevention)', async () => {
    const response = await hostile(() => rawRequest(`${t.url}?query=${encodeURIComponent('{ viewer { role } }')}`, {
      method: 'GET', key: KEYS.acme, headers: { 'content-type': null },
    }), 'csrf GET');
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_REQUEST');
    expect(response.body.errors![0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('serves a GET query that carries the preflight header', async () => {
    const response = await rawRequest(`${t.url}?query=${encodeURIComponent('{ viewer { role } }')}`, {
      method: 'GET', key: KEYS.acme, headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.body.data).toEqual({ viewer: { role: 'PARTNER' } });
  });

  it('authenticates before parsing: a request without a key never learns whether its document is valid', async () => {
    const response = await hostile(() => postQuery(t.url, undefined, '{ viewer { rol'), 'unauthenticated syntax error');
    expect(response.status).toBe(401);
    expect(firstCode(response)).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('validation errors', () => {
  it('hides "did you mean" from partners and shows it to admins', async () => {
    const query = '{ viewer { rol } }';
    const partner = await hostile(() => postQuery(t.url, KEYS.acme, query), 'typo as partner');
    expect(partner.status).toBe(400);
    expect(firstCode(partner)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(partner.body.errors![0].message).not.toMatch(/Did you mean/);
    expect((await postQuery(t.url, KEYS.admin, query)).body.errors![0].message).toMatch(/Did you mean "role"/);
  });
});

const hostileIds = () => [
  ['empty', ''], ['random', 'UGxhbjo5OTk5OTk5'], ['another type\'s', acmeMerchantId], ['another partner\'s', globexPlanId],
  ['SQL-like', "1' OR '1'='1; DROP TABLE plans; --"], ['400 characters long', 'A'.repeat(400)], ['emoji', '🙂'.repeat(50)],
];

describe('hostile ids', () => {
  it('reads every hostile id as null, as if it did not exist', async () => {
    for (const [name, id] of hostileIds()) {
      const response = await hostile(() => postQuery(t.url, KEYS.acme, 'query($id: ID!) { plan(id: $id) { id } }', { id }), `read ${name} id`);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ plan: null });
    }
  });

  it('refuses a mutation on every hostile id with a NOT_FOUND userError', async () => {
    for (const [name, id] of hostileIds()) {
      const response = await hostile(() => postQuery(t.url, KEYS.acme,
        'mutation($input: VoidPlanInput!) { voidPlan(input: $input) { plan { id } userErrors { code field } } }',
        { input: { planId: id, idempotencyKey: `hostile-void-${name}` } }), `void ${name} id`);
      expect(response.status).toBe(200);
      expect(response.body.data!.voidPlan).toMatchObject({ plan: null, userErrors: [{ code: 'NOT_FOUND' }] });
    }
  });
});

describe('hostile amounts', () => {
  const repay = (amount: unknown, currency: unknown = 'USD') => hostile(() => postQuery(t.url, KEYS.acme,
    'mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { repayment { id } userErrors { code field } } }',
    { input: { planId: acmePlanId, amount: { amount, currency }, idempotencyKey: `hostile-amount-${String(amount)}-${String(currency)}` } }), `amount ${String(amount)} ${String(currency)}`);

  it.each(['1e309', '-0', '12.345', 'NaN', '-5.00', '0.00', 'Infinity', '１０.００', ' 10.00'])('refuses %p with a code and writes nothing', async (amount) => {
    const response = await repay(amount);
    if (response.status === 200) {
      const payload = response.body.data!.recordRepayment as { repayment: unknown; userErrors: { code: string }[] };
      expect(payload.repayment).toBeNull();
      expect(payload.userErrors[0].code).toMatch(/^[A-Z_]+$/);
    } else {
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('BAD_USER_INPUT');
    }
  });

  it.each([[10.5], [1e309]])('refuses a JSON number %p for a Decimal with BAD_USER_INPUT', async (amount) => {
    const response = await repay(amount);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_USER_INPUT');
  });

  it('refuses an unknown currency at validation with BAD_USER_INPUT', async () => {
    const response = await repay('10.00', 'XTS');
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_USER_INPUT');
  });
});

/** A value of the right shape for each input type, so that only the field we drop is missing. */
function sampleValue(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [sampleValue(inner.ofType)];
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) return sampleInput(named);
  return ({ Int: 1, Float: 1, Boolean: true, Decimal: '1.00', Date: '2027-03-01', DateTime: '2027-03-01T12:00:00Z' } as Record<string, unknown>)[named.name] ?? 'x';
}

const sampleInput = (type: GraphQLInputObjectType) =>
  Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sampleValue(f.type)]));

/** Every required field of every mutation input, nested ones (amount.currency) included. */
function requiredFieldCases(): { mutation: string; inputType: string; path: string[] }[] {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const cases: { mutation: string; inputType: string; path: string[] }[] = [];
  const walk = (mutation: string, inputType: string, type: GraphQLInputObjectType, prefix: string[]) => {
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type)) continue;
      cases.push({ mutation, inputType, path: [...prefix, field.name] });
      const named = getNamedType(field.type);
      if (isInputObjectType(named)) walk(mutation, inputType, named, [...prefix, field.name]);
    }
  };
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    const input = getNamedType(field.args[0].type) as GraphQLInputObjectType;
    walk(field.name, input.name, input, []);
  }
  return cases;
}

describe('every mutation with each required field missing', () => {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  it.each(requiredFieldCases().map((c) => [`${c.mutation} without input.${c.path.join('.')}`, c]))('refuses %s with 400 BAD_USER_INPUT naming the field', async (_name, c) => {
    const input = sampleInput(schema.getType(c.inputType) as GraphQLInputObjectType);
    let parent = input as Record<string, unknown>;
    for (const key of c.path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    delete parent[c.path.at(-1)!];
    const response = await hostile(() => postQuery(t.url, KEYS.admin, `mutation($input: ${c.inputType}!) { ${c.mutation}(input: $input) { userErrors { code } } }`, { input }), _name);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors![0].message).toContain(c.path.at(-1));
  });
});
