import { createHash } from 'node:crypto';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, getQuery, postQuery, rawRequest, RawResponse } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('request_path');
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** What the adversary sent: a client that takes JSON and, far behind, HTML. */
const JSON_THEN_HTML = 'application/json, text/html;q=0.1';
/** What a browser's address bar sends. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ACCEPTS = [undefined, '*/*', 'application/json', 'application/graphql-response+json', JSON_THEN_HTML, 'text/html', BROWSER];

/** `levels` fragments each spreading the next twice: 2^levels fields once expanded, ~40 bytes a level. */
const fragmentBomb = (levels: number) => `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} `
  + `fragment F${levels} on Query { __typename }`;
const OVER_LIMITS: [string, string, string][] = [
  // 18 levels: refused either way now; before, a GET ran it (and 24 levels took seconds and a gigabyte).
  ['a fragment bomb', fragmentBomb(18), 'MAX_FIELDS_EXCEEDED'],
  ['400 aliases', `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: __typename`).join(' ')} }`, 'MAX_ALIASES_EXCEEDED'],
  ['depth 19', `{ ${'plans(first: 1) { nodes { merchant { '.repeat(6)}id${' } } }'.repeat(6)} }`, 'MAX_DEPTH_EXCEEDED'],
  ['120 directives', `{ viewer { ${'role @include(if: true) '.repeat(120)} } }`, 'MAX_DIRECTIVES_EXCEEDED'],
];

const withAccept = (accept: string | undefined) => (accept === undefined ? {} : { headers: { accept } });
const errorOf = (response: RawResponse) => ({ status: response.status, code: firstCode(response), cost: response.body.extensions?.cost?.requestedQueryCost });

describe('one request path for GET and POST', () => {
  it.each(OVER_LIMITS)('refuses %s by GET under every Accept exactly as by POST, before any SQL but the key lookup', async (_name, query, code) => {
    const byPost = await postQuery(t.url, KEYS.acme, query);
    expect(errorOf(byPost)).toEqual({ status: 400, code, cost: 0 });
    for (const accept of ACCEPTS) {
      t.sql.reset();
      const byGet = await getQuery(t.url, KEYS.acme, query, withAccept(accept));
      expect({ accept, ...errorOf(byGet) }).toEqual({ accept, ...errorOf(byPost) });
      expect(t.sql.statements.filter((s) => !/api_keys/.test(s))).toEqual([]);
    }
  });

  it('runs a query sent by GET as an API request even when the client prefers HTML, and answers JSON', async () => {
    for (const accept of ['text/html', BROWSER]) {
      const response = await getQuery(t.url, KEYS.acme, '{ viewer { role } }', { headers: { accept } });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body.data).toEqual({ viewer: { role: 'PARTNER' } });
    }
  });

  it('serves the landing page only to a GET that prefers HTML and carries neither a query nor a persisted query', async () => {
    for (const accept of ['text/html', BROWSER]) {
      const page = await rawRequest(t.url, { method: 'GET', headers: { accept, 'content-type': null } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<!DOCTYPE html>');
    }
    const hashOnly = await getQuery(t.url, undefined, undefined, { extensions: persisted(sha256('{ viewer { role } }')), headers: { accept: BROWSER } });
    expect(hashOnly.status).toBe(401);
    const htmlLast = await rawRequest(t.url, { method: 'GET', headers: { accept: JSON_THEN_HTML } });
    expect(htmlLast.status).toBe(401);
  });

  it('refuses a mutation sent by GET with 405 and Allow: POST, before it is validated or priced', async () => {
    const mutation = 'mutation { voidPlan(input: { planId: "nope", idempotencyKey: "get-void" }) { userErrors { code } } }';
    const response = await getQuery(t.url, KEYS.acme, mutation);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(firstCode(response)).toBe('METHOD_NOT_ALLOWED');
    expect(response.body.extensions?.cost?.requestedQueryCost).toBe(0);
    const named = await getQuery(t.url, KEYS.acme, `query Q { viewer { role } } ${mutation.replace('mutation', 'mutation M')}`, { operationName: 'M' });
    expect(named.status).toBe(405);
    const query = await getQuery(t.url, KEYS.acme, `query Q { viewer { role } } ${mutation.replace('mutation', 'mutation M')}`, { operationName: 'Q' });
    expect(query.body.data).toEqual({ viewer: { role: 'PARTNER' } });
  });
});

describe('automatic persisted queries on the one request path', () => {
  it('never registers a document over the limits, whatever the transport and Accept', async () => {
    for (const [name, query] of OVER_LIMITS) {
      const extensions = persisted(sha256(query));
      const registration = await getQuery(t.url, KEYS.acme, query, { extensions, headers: { accept: JSON_THEN_HTML } });
      expect({ name, status: registration.status }).toEqual({ name, status: 400 });
      for (const run of [
        () => rawRequest(t.url, { key: KEYS.globex, body: JSON.stringify({ extensions }) }),
        () => getQuery(t.url, KEYS.globex, undefined, { extensions }),
      ]) expect({ name, code: firstCode(await run()) }).toEqual({ name, code: 'PERSISTED_QUERY_NOT_FOUND' });
    }
  });

  it('checks a document run by its hash alone as if it had been sent in full: a stored mutation run by GET is 405', async () => {
    const mutation = 'mutation StoredVoid { voidPlan(input: { planId: "nope", idempotencyKey: "stored-void" }) { userErrors { code } } }';
    const extensions = persisted(sha256(mutation));
    const registered = await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query: mutation, extensions }) });
    expect(registered.body.data).toEqual({ voidPlan: { userErrors: [{ code: 'NOT_FOUND' }] } });
    const byHash = await getQuery(t.url, KEYS.acme, undefined, { extensions });
    expect(byHash.status).toBe(405);
    expect(byHash.headers.get('allow')).toBe('POST');
  });

  it('takes an empty query by GET for none, as in a POST body: the hash alone names the document', async () => {
    const query = '{ viewer { partner { id } } }';
    const extensions = persisted(sha256(query));
    await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query, extensions }) });
    const byPost = await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query: '', extensions }) });
    const byGet = await getQuery(t.url, KEYS.acme, '', { extensions });
    expect(byPost.body.data).toEqual({ viewer: { partner: { id: expect.any(String) } } });
    expect(byGet.body.data).toEqual(byPost.body.data);
  });

  it('accepts sha256Hash with a "sha256:" prefix, by POST and by GET', async () => {
    const query = '{ viewer { partner { name } } }';
    const prefixed = persisted(`sha256:${sha256(query)}`);
    const registered = await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query, extensions: prefixed }) });
    expect(registered.body.data).toEqual({ viewer: { partner: { name: 'Acme Commerce' } } });
    expect((await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ extensions: prefixed }) })).body.data).toEqual(registered.body.data);
    expect((await getQuery(t.url, KEYS.acme, undefined, { extensions: prefixed })).body.data).toEqual(registered.body.data);
    expect((await getQuery(t.url, KEYS.acme, undefined, { extensions: persisted(sha256(query)) })).body.data).toEqual(registered.body.data);
  });
});
