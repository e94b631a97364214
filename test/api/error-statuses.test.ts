import { ERROR_CODES } from '../../src/errors/error-codes';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { firstCode, postQuery, rawRequest } from '../support/raw-http';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('error_statuses');
});
afterAll(() => t.close());

/** The HTTP status of a response comes from its errors' codes (src/errors/error-codes.ts). */
describe('HTTP status of errors', () => {
  it('gives a request refused before execution the status of its code (400 BAD_USER_INPUT for a bad variable)', async () => {
    const response = await postQuery(t.url, KEYS.acme, 'query($f: Int) { merchants(first: $f) { totalCount } }', { f: 'ten' });
    expect([response.status, firstCode(response), response.body.data]).toEqual([400, 'BAD_USER_INPUT', undefined]);
  });

  it('keeps 200 when an argument is refused while executing, beside the data that did resolve', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ viewer { role } plans(first: 0) { totalCount } }');
    expect(response.status).toBe(200);
    expect(firstCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors![0].extensions).toMatchObject({ argumentName: 'first' });
  });

  it('answers a refused role with 403 FORBIDDEN even though execution started', async () => {
    const response = await postQuery(t.url, KEYS.analyst, 'mutation { createPartner(input: { name: "x", idempotencyKey: "k" }) { userErrors { code } } }');
    expect([response.status, firstCode(response)]).toEqual([403, 'FORBIDDEN']);
  });

  it('gives refusals of the HTTP layer the status of their code, with the request id', async () => {
    const response = await rawRequest(t.url.replace('/graphql', '/nowhere'), { key: KEYS.acme, method: 'GET' });
    expect([response.status, firstCode(response)]).toEqual([404, 'NOT_FOUND']);
    expect(response.body.errors![0].extensions!.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('never sends a code outside the table, and no stack or private extension', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ plans(first: 101) { totalCount } merchant(id: "x") { id } }');
    expect(response.body.errors!.length).toBeGreaterThan(0);
    for (const error of response.body.errors!) {
      expect(Object.hasOwn(ERROR_CODES, String(error.extensions!.code))).toBe(true);
      expect(Object.keys(error.extensions!)).toEqual(expect.not.arrayContaining(['stacktrace', 'http', 'exception', 'validationErrors']));
    }
  });
});
