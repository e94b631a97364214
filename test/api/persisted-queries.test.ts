import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, rawRequest } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('persisted_queries');
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Sent { method: string; hasQuery: boolean; hasHash: boolean }

/** Apollo Client 4 as partners set it up, with a fetch that notes what each request carried. */
function apolloClient(useGETForHashedQueries: boolean) {
  const sent: Sent[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { query?: string; extensions?: unknown } : null;
    const extensions = body ? body.extensions : url.searchParams.get('extensions');
    sent.push({
      method: init?.method ?? 'GET',
      hasQuery: Boolean(body ? body.query : url.searchParams.get('query')),
      hasHash: JSON.stringify(extensions ?? '').includes('sha256Hash'),
    });
    return fetch(input, init);
  };
  const link = ApolloLink.from([
    new PersistedQueryLink({ sha256, useGETForHashedQueries }),
    new HttpLink({ uri: t.url, headers: { authorization: `Bearer ${KEYS.acme}` }, fetch: recordingFetch }),
  ]);
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}

describe('automatic persisted queries with Apollo Client 4', () => {
  it.each([['POST', false], ['GET', true]] as const)('registers on a miss and then sends the hash alone (%s)', async (method, useGET) => {
    const { client, sent } = apolloClient(useGET);
    // A document no other test sends, so the first hash is unknown to the gateway.
    const query = gql`query ApqViewer${method} { viewer { role partner { name } } }`;

    const first = await client.query({ query, fetchPolicy: 'network-only' });
    expect(first.data).toEqual({ viewer: { __typename: 'Viewer', role: 'PARTNER', partner: { __typename: 'Partner', name: 'Acme Commerce' } } });
    // The hash alone, PERSISTED_QUERY_NOT_FOUND, then the query with its hash (over POST: the link
    // retries registration by POST even when hashed queries go by GET).
    expect(sent).toEqual([{ method, hasQuery: false, hasHash: true }, { method: 'POST', hasQuery: true, hasHash: true }]);

    sent.length = 0;
    const second = await client.query({ query, fetchPolicy: 'network-only' });
    expect(second.data).toEqual(first.data);
    expect(sent).toEqual([{ method, hasQuery: false, hasHash: true }]);
  });
});

describe('automatic persisted queries over raw HTTP', () => {
  const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
  const post = (body: unknown, key: string = KEYS.acme) => rawRequest(t.url, { key, body: JSON.stringify(body) });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, as Apollo does, so the client sends the query', async () => {
    const response = await post({ extensions: persisted(sha256('{ viewer { role } } # never sent')) });
    expect(response.status).toBe(200);
    expect(firstCode(response)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a hash that is not its query\'s with 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const response = await post({ query: '{ viewer { role } }', extensions: persisted(sha256('{ viewer { partner { name } } }')) });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('refuses another protocol version with 400 PERSISTED_QUERY_VERSION_NOT_SUPPORTED', async () => {
    const response = await post({ extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ viewer { role } }') } } });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('PERSISTED_QUERY_VERSION_NOT_SUPPORTED');
  });

  it('refuses a malformed hash with 400 BAD_REQUEST', async () => {
    const response = await post({ extensions: persisted('not-a-hash') });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_REQUEST');
  });

  it('registers over GET and serves the hash alone over GET', async () => {
    const query = '{ viewer { partner { id } } }';
    const get = (params: Record<string, string>) => rawRequest(`${t.url}?${new URLSearchParams(params)}`, { method: 'GET', key: KEYS.acme });
    const extensions = JSON.stringify(persisted(sha256(query)));
    expect((await get({ query, extensions })).body.data).toEqual({ viewer: { partner: { id: expect.any(String) } } });
    expect((await get({ extensions })).body.data).toEqual({ viewer: { partner: { id: expect.any(String) } } });
  });

  it('applies the document limits to a query being registered, so it is never stored', async () => {
    const deep = `{ ${'viewer { partner { merchants(first: 1) { nodes { '.repeat(4)} id ${'} } } }'.repeat(4)} }`;
    const refused = await post({ query: deep, extensions: persisted(sha256(deep)) });
    expect(refused.status).toBe(400);
    expect(firstCode(refused)).toBe('MAX_DEPTH_EXCEEDED');
    expect(firstCode(await post({ extensions: persisted(sha256(deep)) }))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('authenticates a hash-only request like any other', async () => {
    const query = '{ viewer { role } }';
    await post({ query, extensions: persisted(sha256(query)) });
    const response = await rawRequest(t.url, { body: JSON.stringify({ extensions: persisted(sha256(query)) }) });
    expect(response.status).toBe(401);
    expect(firstCode(response)).toBe('UNAUTHENTICATED');
  });
});
