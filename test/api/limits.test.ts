import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, parse } from 'graphql';
import { DEFAULT_LIMITS } from '../../src/server/limits/limits-config';
import { documentLimitViolation, measureDocument } from '../../src/server/limits/document-limits';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, postQuery, rawRequest } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('limits');
});
afterAll(() => t.close());

const nested = (levels: number) => `{ viewer { ${'partner { id '.repeat(levels)}${'}'.repeat(levels)} } }`;
const deepQuery = (depth: number) => `{ ${'merchants { nodes { '.repeat(Math.ceil(depth / 2))}id${' } }'.repeat(Math.ceil(depth / 2))} }`;
/** merchants x plans x repayments at 100 each: about a million points. */
const MILLION_POINT_QUERY = '{ merchants(first: 100) { nodes { plans(first: 100) { nodes { repayments(first: 100) { nodes { id } } } } } } }';

describe('document limits', () => {
  it.each([
    ['a depth-20 query', deepQuery(20), 'MAX_DEPTH_EXCEEDED'],
    ['1,000 aliases', `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`, 'MAX_ALIASES_EXCEEDED'],
    ['30 root fields', `{ ${'viewer { role } '.repeat(30)} }`, 'MAX_ROOT_FIELDS_EXCEEDED'],
    ['60 directives', `{ viewer { ${'role @include(if: true) '.repeat(60)} } }`, 'MAX_DIRECTIVES_EXCEEDED'],
    ['6,000 tokens', `{ viewer { ${'role '.repeat(6000)} } }`, 'MAX_TOKENS_EXCEEDED'],
    ['a fragment bomb', `{ viewer { ...F5 } } fragment F0 on Viewer { role }
      ${[1, 2, 3, 4, 5].map((i) => `fragment F${i} on Viewer { ...F${i - 1} ...F${i - 1} ...F${i - 1} ...F${i - 1} }`).join(' ')}`, 'MAX_FIELDS_EXCEEDED'],
  ])('refuses %s with 400 and its code before validation or any SQL', async (_name, query, code) => {
    t.sql.reset();
    const response = await postQuery(t.url, KEYS.acme, query);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe(code);
    expect(response.body.errors![0].extensions).toMatchObject({ limit: expect.any(Number) });
    expect(response.body.extensions?.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: 0 });
    expect(t.sql.statements.filter((s) => !/api_keys/.test(s))).toEqual([]);
  });

  it('accepts a query exactly at the depth limit', async () => {
    const response = await postQuery(t.url, KEYS.acme, nested(DEFAULT_LIMITS.document.maxDepth - 2));
    expect(measureDocument(parse(nested(DEFAULT_LIMITS.document.maxDepth - 2))).depth).toBe(DEFAULT_LIMITS.document.maxDepth);
    expect(response.body.errors?.[0]?.extensions?.code).not.toMatch(/^MAX_/);
  });

  it('lets the standard introspection query (the Sandbox\'s) through every limit', () => {
    expect(documentLimitViolation(parse(getIntrospectionQuery()), DEFAULT_LIMITS.document)).toBeNull();
  });

  it('lets every operation the client ships through every limit', () => {
    const folder = path.join(__dirname, '../../schema/operations');
    const source = fs.readdirSync(folder).map((f) => fs.readFileSync(path.join(folder, f), 'utf8')).join('\n');
    expect(documentLimitViolation(parse(source), DEFAULT_LIMITS.document)).toBeNull();
  });
});

describe('query cost', () => {
  it('refuses a 1,000,000-point query with MAX_COST_EXCEEDED and runs no SQL beyond the key lookup', async () => {
    t.sql.reset();
    const response = await postQuery(t.url, KEYS.analyst, MILLION_POINT_QUERY);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('MAX_COST_EXCEEDED');
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 1_020_201, actualQueryCost: 0 });
    expect(t.sql.statements.length).toBeGreaterThan(0);
    expect(t.sql.statements.filter((s) => !/api_keys/.test(s))).toEqual([]);
  });

  it('prices a connection by its page size times what each item selects (default 10)', async () => {
    const priced = async (query: string) => (await postQuery(t.url, KEYS.analyst, query)).body.extensions!.cost!.requestedQueryCost;
    expect(await priced('{ merchants(first: 50) { nodes { id } } }')).toBe(1 + 50);
    expect(await priced('{ merchants { nodes { id plans(first: 5) { nodes { id } } } } }')).toBe(1 + 10 * (1 + 1 + 5));
    expect(await priced('{ viewer { role } }')).toBe(1);
  });

  it('reports what the query actually cost, never more than requested, with the bucket after the refund', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ merchants(first: 100) { nodes { id } } }');
    const merchants = (response.body.data!.merchants as { nodes: unknown[] }).nodes.length;
    const cost = response.body.extensions!.cost!;
    expect(cost).toMatchObject({ requestedQueryCost: 101, actualQueryCost: 1 + merchants });
    expect(cost.throttleStatus).toEqual({
      maximumAvailable: DEFAULT_LIMITS.throttle.bucketPoints, currentlyAvailable: expect.any(Number), restoreRate: DEFAULT_LIMITS.throttle.restorePerSecond,
    });
  });

  it('charges totalCount for what it may count, ceil(cap / 1,000) points, once per connection whatever its page size', async () => {
    const priced = async (query: string) => (await postQuery(t.url, KEYS.analyst, query)).body.extensions!.cost!.requestedQueryCost;
    const count = Math.ceil(DEFAULT_LIMITS.totalCountCap / 1_000);
    expect(await priced('{ merchants(first: 5) { nodes { id } } }')).toBe(1 + 5);
    expect(await priced('{ merchants(first: 5) { totalCount nodes { id } } }')).toBe(1 + 5 + count);
    expect(await priced('{ merchants(first: 5) { totalCount totalCountIsExact } }')).toBe(1 + count);
    // Plans are counted from their status counters: 1 point, requested and actual, whatever the cap.
    expect(await priced('{ merchants(first: 2) { nodes { plans(first: 5) { totalCount } } } }')).toBe(1 + 2 * (1 + 1 + 1));
    expect(await priced('{ plans(first: 5, status: ACTIVE) { totalCount totalCountIsExact } }')).toBe(1 + 1);
    expect(await priced('{ merchants(first: 2) { nodes { applications(first: 5) { totalCount } } } }')).toBe(1 + 2 * (1 + 1 + count));
  });

  it('refunds the part of a count it did not read: a short list costs 1 point', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ merchants(first: 1) { totalCount } }');
    expect((response.body.data!.merchants as { totalCount: number }).totalCount).toBeLessThan(1_000);
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 1 + Math.ceil(DEFAULT_LIMITS.totalCountCap / 1_000), actualQueryCost: 1 + 1 });
  });

  it('prices mutations at 10 plus their payload', async () => {
    const response = await postQuery(t.url, KEYS.acme, 'mutation { voidPlan(input: { planId: "nope", idempotencyKey: "k" }) { plan { id } userErrors { code } } }');
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 11, actualQueryCost: 10 });
  });

  it('reports cost on validation errors too', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ viewer { nope } }');
    expect(response.status).toBe(400);
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: 0 });
  });
});

describe('extensions.cost on refusals before Apollo', () => {
  const zeroCost = { requestedQueryCost: 0, actualQueryCost: 0, throttleStatus: expect.objectContaining({ maximumAvailable: DEFAULT_LIMITS.throttle.bucketPoints }) };

  it.each([
    ['a body over the size limit', { body: JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(300_000)}` }) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['malformed JSON', { body: '{"query": ' }, 400, 'BAD_REQUEST'],
    ['a wrong content type', { body: JSON.stringify({ query: '{ viewer { role } }' }), headers: { 'content-type': 'text/plain' } }, 400, 'BAD_REQUEST'],
    ['a document over the limits', { body: JSON.stringify({ query: deepQuery(20) }) }, 400, 'MAX_DEPTH_EXCEEDED'],
  ])('reports the bucket, charging nothing, for %s from a known key', async (_name, init, status, code) => {
    const response = await rawRequest(t.url, { key: KEYS.acme, ...init });
    expect({ status: response.status, code: firstCode(response) }).toEqual({ status, code });
    expect(response.body.extensions?.cost).toEqual(zeroCost);
  });

  it('reports none to a caller without a valid key: it has no bucket', async () => {
    const response = await postQuery(t.url, 'tnr_live_not_a_key', '{ viewer { role } }');
    expect({ status: response.status, code: firstCode(response) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(response.body.extensions).toBeUndefined();
  });
});
