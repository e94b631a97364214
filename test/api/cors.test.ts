import { ConfigError, loadConfig } from '../../src/server/config';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, rawRequest } from '../support/raw-http';

const SANDBOX = 'https://studio.apollographql.com';
const OTHER = 'https://evil.example';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('cors', { env: { CORS_ORIGINS: `${SANDBOX}, http://localhost:3000` } });
});
afterAll(() => t.close());

const preflight = (origin: string) => fetch(t.url, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
});

describe('CORS preflight', () => {
  it('answers a listed origin with 204, its origin echoed, the methods, headers and max age', async () => {
    const response = await preflight(SANDBOX);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')!.split(', ')).toEqual(
      ['authorization', 'content-type', 'apollographql-client-name', 'apollographql-client-version', 'apollo-require-preflight']);
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('gives an unlisted origin no allow-origin, still varying on Origin', async () => {
    const response = await preflight(OTHER);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('matches origins exactly (scheme, host and port)', async () => {
    for (const near of ['http://studio.apollographql.com', 'https://studio.apollographql.com:8443', 'http://localhost:3001']) {
      expect((await preflight(near)).headers.get('access-control-allow-origin')).toBeNull();
    }
    expect((await preflight('http://localhost:3000')).headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('CORS on actual responses', () => {
  const post = (origin: string, key?: string) => rawRequest(t.url, { key, headers: { origin }, body: JSON.stringify({ query: '{ viewer { role } }' }) });

  it('lets a listed origin read a successful response', async () => {
    const response = await post(SANDBOX, KEYS.analyst);
    expect(response.body.data).toEqual({ viewer: { role: 'ANALYST' } });
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('lets a listed origin read a 401, so the tool can tell the analyst the key is wrong', async () => {
    const response = await post(SANDBOX);
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
  });

  it('lets a listed origin read an error Apollo raised', async () => {
    const response = await rawRequest(t.url, { key: KEYS.analyst, headers: { origin: SANDBOX }, body: JSON.stringify({ query: '{ viewer { nope } }' }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
  });

  it('gives an unlisted origin no allow-origin on any response', async () => {
    expect((await post(OTHER, KEYS.analyst)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(OTHER)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps Apollo\'s CSRF prevention for a simple GET from a listed origin', async () => {
    const response = await rawRequest(`${t.url}?query=${encodeURIComponent('{ viewer { role } }')}`, {
      method: 'GET', key: KEYS.analyst, headers: { origin: SANDBOX, 'content-type': null },
    });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('BAD_REQUEST');
    expect(response.body.errors![0].message).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('CORS_ORIGINS', () => {
  const load = (value: string) => loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: value });

  it('is empty by default, so no origin is allowed', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).corsOrigins).toEqual([]);
  });

  it('reads comma-separated origins', () => {
    expect(load(' https://studio.apollographql.com ,http://localhost:3000').corsOrigins).toEqual([SANDBOX, 'http://localhost:3000']);
  });

  it.each(['https://studio.apollographql.com/', 'studio.apollographql.com', 'https://a.example/path', '*', 'null'])('refuses %p with a clear config error', (value) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(/CORS_ORIGINS must be comma-separated origins/);
  });
});
