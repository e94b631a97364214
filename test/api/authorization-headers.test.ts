import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, requestWithHeaderLines } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('authorization_headers');
});
afterAll(() => t.close());

const BODY = JSON.stringify({ query: '{ viewer { role partner { name } } }' });
const bearer = (key: string) => `Bearer ${key}`;

async function send(method: 'GET' | 'POST', authorizations: string[]) {
  const lines: [string, string][] = [['content-type', 'application/json'], ...authorizations.map((value): [string, string] => ['authorization', value])];
  const url = method === 'GET' ? `${t.url}?${new URLSearchParams({ query: '{ viewer { role partner { name } } }' })}` : t.url;
  return requestWithHeaderLines(url, lines, method === 'POST' ? { method, body: BODY } : { method });
}

describe('the Authorization header', () => {
  it.each([
    ['two headers with two valid keys (a proxy appending its own)', [bearer(KEYS.acme), bearer(KEYS.globex)]],
    ['the same header twice', [bearer(KEYS.acme), bearer(KEYS.acme)]],
    ['a valid key then a bad one', [bearer(KEYS.acme), 'Bearer nope']],
    ['a key then another scheme', [bearer(KEYS.acme), 'Basic dGVzdDp0ZXN0']],
    ['one header holding two bearer credentials', [`${bearer(KEYS.acme)}, ${bearer(KEYS.globex)}`]],
    ['one header holding two tokens', [`${bearer(KEYS.acme)} ${KEYS.globex}`]],
    ['one header with a comma-separated second token', [`${bearer(KEYS.acme)},${KEYS.globex}`]],
    ['another scheme folded with a bearer credential', [`Basic dGVzdDp0ZXN0, ${bearer(KEYS.acme)}`]],
  ])('refuses %s with 400 AMBIGUOUS_CREDENTIALS before any key is looked up, by GET and POST', async (_name, authorizations) => {
    for (const method of ['GET', 'POST'] as const) {
      t.sql.reset();
      const response = await send(method, authorizations);
      expect({ method, status: response.status, code: firstCode(response) }).toEqual({ method, status: 400, code: 'AMBIGUOUS_CREDENTIALS' });
      expect(response.body.data).toBeUndefined();
      expect(t.sql.statements).toEqual([]);
    }
  });

  it('serves one header with one bearer key, spacing and scheme case aside', async () => {
    for (const value of [bearer(KEYS.acme), `bearer   ${KEYS.acme}  `]) {
      const response = await send('POST', [value]);
      expect(response.body.data).toEqual({ viewer: { role: 'PARTNER', partner: { name: 'Acme Commerce' } } });
    }
  });

  it('answers a single credential in another scheme or without a token 401, not 400', async () => {
    for (const value of ['Basic dGVzdDp0ZXN0', 'Bearer', 'Digest username="a", realm="b", nonce="c", uri="/graphql", response="d"']) {
      const response = await send('POST', [value]);
      expect({ value, status: response.status, code: firstCode(response) }).toEqual({ value, status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
