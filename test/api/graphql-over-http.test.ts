import type { Gateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS, startTestGateway } from '../support/gateway';
import { firstCode, postQuery, rawRequest } from '../support/raw-http';

let t: Gateway;
const logLines: string[] = [];
beforeAll(async () => {
  const logger = createLogger('warn', { write: (line: string) => logLines.push(line) });
  ({ gateway: t } = await startConfiguredGateway('graphql_over_http', {}, { logger }));
});
afterAll(() => t.close());

/** Every refusal here is the client's mistake: none may be logged as a warning or an error. */
afterEach(() => {
  expect(logLines).toEqual([]);
});

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

describe('operation selection', () => {
  const TWO_OPERATIONS = 'query A { viewer { role } } query B { viewer { partner { name } } }';

  it('runs the operation named by operationName', async () => {
    const response = await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query: TWO_OPERATIONS, operationName: 'A' }) });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ viewer: { role: 'PARTNER' } });
  });

  it('refuses two operations without operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const response = await postQuery(t.url, KEYS.acme, TWO_OPERATIONS);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(response.body.errors![0].message).toMatch(/operation name/);
  });

  it('refuses an operationName that names no operation with 400 OPERATION_RESOLUTION_FAILURE naming it', async () => {
    const response = await rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify({ query: TWO_OPERATIONS, operationName: 'C' }) });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(response.body.errors![0].message).toBe('Unknown operation named "C".');
  });

  it('refuses an unknown operationName over GET the same way', async () => {
    const search = new URLSearchParams({ query: '{ viewer { role } }', operationName: 'Nope' });
    const response = await rawRequest(`${t.url}?${search}`, { method: 'GET', key: KEYS.acme, headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});

describe('subscriptions', () => {
  it('refuses a subscription with 400 SUBSCRIPTIONS_NOT_SUPPORTED pointing at polling', async () => {
    const response = await postQuery(t.url, KEYS.acme, 'subscription { viewer { role } }');
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('SUBSCRIPTIONS_NOT_SUPPORTED');
    expect(response.body.errors![0].message).toMatch(/Subscriptions are not offered.*[Pp]oll/);
    expect(response.body.data).toBeUndefined();
  });

  it('refuses the subscription a document selects by operationName', async () => {
    const response = await rawRequest(t.url, {
      key: KEYS.acme, body: JSON.stringify({ query: 'query Q { viewer { role } } subscription S { viewer { role } }', operationName: 'S' }),
    });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('SUBSCRIPTIONS_NOT_SUPPORTED');
  });
});

describe('media type of errors raised before Apollo', () => {
  const graphqlAccept = { accept: `${GRAPHQL_RESPONSE}, application/json;q=0.9` };
  const cases: [string, () => Promise<Awaited<ReturnType<typeof rawRequest>>>, number, string][] = [
    ['a 1 MB body (413)', () => rawRequest(t.url, { key: KEYS.acme, headers: graphqlAccept, body: JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(1 << 20)}` }) }), 413, 'PAYLOAD_TOO_LARGE'],
    ['malformed JSON (400)', () => rawRequest(t.url, { key: KEYS.acme, headers: graphqlAccept, body: '{"query"' }), 400, 'BAD_REQUEST'],
    ['a wrong content type (400)', () => rawRequest(t.url, { key: KEYS.acme, headers: { ...graphqlAccept, 'content-type': 'text/plain' }, body: '{}' }), 400, 'BAD_REQUEST'],
    ['no key (401)', () => rawRequest(t.url, { headers: graphqlAccept, body: JSON.stringify({ query: '{ viewer { role } }' }) }), 401, 'UNAUTHENTICATED'],
    ['an unknown path (404)', () => rawRequest(t.url.replace(/graphql$/, 'nope'), { method: 'GET', headers: graphqlAccept }), 404, 'NOT_FOUND'],
    ['a PUT (405)', () => rawRequest(t.url, { method: 'PUT', key: KEYS.acme, headers: graphqlAccept, body: '{}' }), 405, 'METHOD_NOT_ALLOWED'],
    ['a document over the depth limit (400)', () => rawRequest(t.url, { key: KEYS.acme, headers: graphqlAccept, body: JSON.stringify({ query: `{ ${'viewer { partner { merchants(first: 1) { nodes { '.repeat(4)} id ${'} } } }'.repeat(4)} }` }) }), 400, 'MAX_DEPTH_EXCEEDED'],
  ];

  it.each(cases)('answers %s in application/graphql-response+json when the client prefers it', async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(firstCode(response)).toBe(code);
  });

  it.each([
    ['no Accept', {}],
    ['Accept: application/json', { accept: 'application/json' }],
    ['Accept: */*', { accept: '*/*' }],
    ['JSON preferred by quality', { accept: `${GRAPHQL_RESPONSE};q=0.5, application/json` }],
  ])('answers in application/json with %s', async (_name, headers) => {
    const response = await rawRequest(t.url, { headers, body: JSON.stringify({ query: '{ viewer { role } }' }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers a 429 in application/graphql-response+json when the client prefers it', async () => {
    const throttled = await startTestGateway('graphql_over_http_429', { env: { THROTTLE_BUCKET_POINTS: '2', THROTTLE_RESTORE_PER_SECOND: '1' } });
    try {
      let response = await rawRequest(throttled.url, { key: KEYS.acme, headers: graphqlAccept, body: JSON.stringify({ query: '{ viewer { role } }' }) });
      for (let i = 0; i < 5 && response.status !== 429; i++) {
        response = await rawRequest(throttled.url, { key: KEYS.acme, headers: graphqlAccept, body: JSON.stringify({ query: '{ viewer { role } }' }) });
      }
      expect(response.status).toBe(429);
      expect(response.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(firstCode(response)).toBe('THROTTLED');
    } finally {
      await throttled.close();
    }
  });
});
