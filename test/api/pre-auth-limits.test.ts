import http from 'node:http';
import { MAX_JSON_DEPTH, MAX_VARIABLES_CHARS } from '../../src/server/http/json-guard';
import { MAX_UNAUTHENTICATED_BODY_BYTES } from '../../src/server/http/request-body';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, rawRequest } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('pre_auth_limits');
});
const agent = new http.Agent({ keepAlive: true });
afterAll(async () => {
  agent.destroy();
  await t.close();
});

/** A POST through node:http, so the Connection header of the answer can be seen (fetch hides it). */
function post(body: string, key?: string): Promise<{ status: number; connection: string | undefined; code: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(t.url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({
        status: response.statusCode!, connection: response.headers.connection,
        code: (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
      }));
    });
    // The gateway may close before the whole body is sent; the answer has arrived by then.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    request.end(body);
  });
}

const withQuery = (padding: number) => JSON.stringify({ query: '{ viewer { role } }', variables: { padding: 'x'.repeat(padding) } });

describe('requests without a valid key', () => {
  it('refuse a small body with 401 and keep the connection', async () => {
    const response = await post(withQuery(100), 'tnr_test_not_a_key');
    expect(response).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(response.connection).not.toBe('close');
  });

  it('refuse a body over the unauthenticated allowance with 401 and close the connection unread', async () => {
    const response = await post(withQuery(MAX_UNAUTHENTICATED_BODY_BYTES * 20), 'tnr_test_not_a_key');
    expect(response).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', connection: 'close' });
  });

  it('are refused with 401, not 413, whatever the size: the key is checked before the body is read', async () => {
    const response = await post(withQuery(1 << 20));
    expect(response).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', connection: 'close' });
  });
});

describe('JSON shape limits for authenticated requests', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const send = (body: string) => rawRequest(t.url, { key: KEYS.acme, body });

  it(`accepts variables nested ${MAX_JSON_DEPTH - 2} levels below the body`, async () => {
    const response = await send(`{"query":"{ viewer { role } }","variables":{"x":${nested(MAX_JSON_DEPTH - 2)}}}`);
    expect(response.status).toBe(200);
  });

  it('refuses deeper nesting with 400 JSON_TOO_DEEP before parsing', async () => {
    const response = await send(`{"query":"{ viewer { role } }","variables":{"x":${nested(100_000)}}}`);
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('JSON_TOO_DEEP');
  });

  it('is not fooled by brackets inside strings', async () => {
    const response = await send(JSON.stringify({ query: '{ viewer { role } }', variables: { x: '['.repeat(1000) } }));
    expect(response.status).toBe(200);
  });

  it('refuses variables over the size limit with 413 VARIABLES_TOO_LARGE', async () => {
    const response = await send(withQuery(MAX_VARIABLES_CHARS));
    expect(response.status).toBe(413);
    expect(firstCode(response)).toBe('VARIABLES_TOO_LARGE');
  });

  it('recognises "variables" spelled with escapes', async () => {
    const response = await send(`{"query":"{ viewer { role } }","\\u0076ariables":${JSON.stringify({ padding: 'x'.repeat(MAX_VARIABLES_CHARS) })}}`);
    expect(response.status).toBe(413);
    expect(firstCode(response)).toBe('VARIABLES_TOO_LARGE');
  });

  it('lets a large query through when its variables are small (only variables are bounded)', async () => {
    const response = await send(JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(MAX_VARIABLES_CHARS * 2)}`, variables: {} }));
    expect(response.status).toBe(200);
  });

  it('applies the same bounds to GET variables', async () => {
    const search = new URLSearchParams({ query: 'query($x: String) { viewer { role } }', variables: `{"x":${nested(1000)}}` });
    const response = await rawRequest(`${t.url}?${search}`, { method: 'GET', key: KEYS.acme });
    expect(response.status).toBe(400);
    expect(firstCode(response)).toBe('JSON_TOO_DEEP');
  });
});
