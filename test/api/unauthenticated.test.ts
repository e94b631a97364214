import type { Gateway } from '../../src/server/app';
import { startConfiguredGateway } from '../support/configured-gateway';
import { startTestGateway, TestGateway } from '../support/gateway';
import { scrape, valueOf } from '../support/prometheus-text';
import { firstCode, getQuery, rawRequest, RawResponse } from '../support/raw-http';

let t: TestGateway;
let production: Gateway;
beforeAll(async () => {
  t = await startTestGateway('unauthenticated');
  ({ gateway: production } = await startConfiguredGateway('unauthenticated_production', { NODE_ENV: 'production' }));
});
afterAll(async () => {
  await t?.close();
  await production?.close();
});

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ACCEPTS = [undefined, '*/*', 'application/json', 'application/graphql-response+json', 'application/json, text/html;q=0.1', 'text/html', BROWSER];
/** No key, a key of the wrong form, an unknown key, a key in the wrong scheme. */
const AUTHORIZATIONS: (string | undefined)[] = [undefined, 'Bearer', 'Bearer not-a-key', 'Basic dGVzdDp0ZXN0'];
const QUERY = '{ viewer { role } }';

function send(url: string, method: 'GET' | 'POST', accept: string | undefined, authorization: string | undefined): Promise<RawResponse> {
  const headers = { ...(accept === undefined ? {} : { accept }), ...(authorization === undefined ? {} : { authorization }) };
  return method === 'GET' ? getQuery(url, undefined, QUERY, { headers }) : rawRequest(url, { body: JSON.stringify({ query: QUERY }), headers });
}

const refusal = (response: RawResponse) => ({
  status: response.status, code: firstCode(response), challenge: response.headers.get('www-authenticate'), cost: response.body.extensions?.cost,
});
const EXPECTED = { status: 401, code: 'UNAUTHENTICATED', challenge: 'Bearer', cost: undefined };

describe('a request without a valid key', () => {
  it('is 401 UNAUTHENTICATED with WWW-Authenticate: Bearer by GET and POST under every Accept', async () => {
    const seen: unknown[] = [];
    for (const method of ['GET', 'POST'] as const) {
      for (const accept of ACCEPTS) {
        for (const authorization of AUTHORIZATIONS) seen.push({ method, accept, authorization, ...refusal(await send(t.url, method, accept, authorization)) });
      }
    }
    expect(seen).toEqual(seen.map((each) => ({ ...(each as object), ...EXPECTED })));
  });

  it('is counted as unauthenticated, a client outcome, never as internal', async () => {
    const before = await scrape(t.gateway.metricsUrl);
    for (const accept of ACCEPTS) await send(t.url, 'GET', accept, undefined);
    const after = await scrape(t.gateway.metricsUrl);
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('tenor_graphql_requests_total', { outcome: 'unauthenticated' })).toBe(ACCEPTS.length);
    expect(delta('tenor_graphql_requests_total', { outcome: 'internal' })).toBe(0);
    expect(delta('tenor_http_requests_total', { route: '/graphql', status: '401' })).toBe(ACCEPTS.length);
  });

  it('is 401 for every other method too (PUT, PATCH, DELETE, HEAD): the key is checked before the method', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'HEAD']) {
      const response = await rawRequest(t.url, { method, headers: { accept: 'application/json' }, ...(method === 'HEAD' ? {} : { body: '{}' }) });
      expect({ method, status: response.status, challenge: response.headers.get('www-authenticate') }).toEqual({ method, status: 401, challenge: 'Bearer' });
    }
  });

  it('may load the landing page, which needs no key', async () => {
    const page = await rawRequest(t.url, { method: 'GET', headers: { accept: BROWSER, 'content-type': null } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<!DOCTYPE html>');
  });

  it('is 401 in production, where there is no landing page, even for a GET that prefers HTML and carries no query', async () => {
    for (const accept of ['text/html', BROWSER, 'application/json, text/html;q=0.1']) {
      const response = await rawRequest(production.url, { method: 'GET', headers: { accept } });
      expect({ accept, ...refusal(response) }).toEqual({ accept, ...EXPECTED });
    }
    for (const method of ['GET', 'POST'] as const) {
      expect(refusal(await send(production.url, method, 'application/json, text/html;q=0.1', 'Bearer not-a-key'))).toEqual(EXPECTED);
    }
  });
});
