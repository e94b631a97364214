import { serverAudits } from 'graphql-http';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('graphql_http_audit');
});
afterAll(() => t.close());

/** The audits send no key; every request carries a partner's, as a partner's client would. */
const withPartnerKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${KEYS.acme}`);
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url: () => t.url, fetchFn: withPartnerKey });

describe('graphql-http server audits (GraphQL over HTTP)', () => {
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });

  it('meets every SHOULD and MAY except those docs/api.md lists under "GraphQL over HTTP"', async () => {
    const results = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) results.push(await audit.fn());
    console.log(results.map((r) => `${r.status === 'ok' ? 'ok  ' : r.status} ${r.id} ${r.name}${r.status === 'ok' ? '' : ` (${r.reason})`}`).join('\n'));
    const notMet = results.filter((r) => r.status !== 'ok').map((r) => r.id).sort();
    expect(notMet).toEqual([...DOCUMENTED_NOT_MET].sort());
  });
});

/** Kept in step with docs/api.md ("GraphQL over HTTP"), which says why for each. */
const DOCUMENTED_NOT_MET = [
  // 200 for parse, validation and variable errors under application/json: we answer 400 for both media types.
  '572B', 'FDE2', '7B9B',
  // GET without a preflight header (Apollo's CSRF prevention refuses it).
  '5A70', 'D6D5', '6A70',
];
