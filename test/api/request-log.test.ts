import { createLogger } from '../../src/server/logger';
import type { Gateway } from '../../src/server/app';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { postQuery } from '../support/raw-http';

const lines: string[] = [];
const requestLines = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request');
let gateway: Gateway;
let merchantId: string;

/** Applicant data that must never be written to a log, whatever happens to the request. */
const APPLICANT = { firstName: 'Zebulonia', lastName: 'Quattlebaum', email: 'zebulonia.q@secret.example', phone: '+15550199123' };

const createApplication = (creditScore: number, idempotencyKey: string) => postQuery(gateway.url, KEYS.acme, `
  mutation CreateApplication($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } userErrors { code } } }`,
{ input: { merchantId, amount: { amount: '120.00', currency: 'USD' }, idempotencyKey, applicant: { ...APPLICANT, creditScore } } });

beforeAll(async () => {
  const logger = createLogger('debug', { write: (line: string) => lines.push(line) });
  ({ gateway } = await startConfiguredGateway('request_log', {}, { logger }));
  const merchants = await postQuery(gateway.url, KEYS.acme, 'query Merchants { merchants(first: 10) { nodes { id currency } } }');
  merchantId = (merchants.body.data!.merchants as { nodes: { id: string; currency: string }[] }).nodes.find((m) => m.currency === 'USD')!.id;
});
afterAll(() => gateway.close());

describe('request log line', () => {
  it('names the API key by its id, with outcome ok and no codes for a read', async () => {
    const answer = await postQuery(gateway.url, KEYS.acme, 'query Viewer { viewer { role } }');
    const line = requestLines().find((l) => l.requestId === answer.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ operationName: 'Viewer', role: 'PARTNER', apiKeyId: expect.any(Number), outcome: 'ok' });
    expect(line.codes).toEqual([]);
  });

  it('is user_error with the userError codes when a mutation answered only userErrors', async () => {
    const answer = await createApplication(520, 'log-declined');
    expect(answer.body.data).toMatchObject({ createApplication: { userErrors: [{ code: 'APPLICATION_DECLINED' }] } });
    const line = requestLines().find((l) => l.requestId === answer.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ operationName: 'CreateApplication', outcome: 'user_error', codes: ['APPLICATION_DECLINED'] });
  });

  it('is unauthenticated with its code for a bad key, and has no key id', async () => {
    const answer = await postQuery(gateway.url, 'test_partner_nobody', 'query Viewer { viewer { role } }');
    const line = requestLines().find((l) => l.requestId === answer.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ outcome: 'unauthenticated', codes: ['UNAUTHENTICATED'], status: 401 });
    expect(line.apiKeyId).toBeUndefined();
  });

  it('never carries a key, applicant data or the values of a failed SQL statement, in any line', async () => {
    await createApplication(780, 'log-approved');
    // The application's statements now fail while carrying the applicant's email as a parameter.
    await gateway.db.dataSource.query('ALTER TABLE applications RENAME TO applications_moved');
    try {
      const failed = await createApplication(780, 'log-failing');
      expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await gateway.db.dataSource.query('ALTER TABLE applications_moved RENAME TO applications');
    }
    const failedLines = lines.filter((line) => line.includes('"unexpected error"'));
    expect(failedLines.length).toBe(1);
    const everything = lines.join('\n');
    for (const secret of [...Object.values(KEYS), 'test_partner_nobody', ...Object.values(APPLICANT), APPLICANT.email.toLowerCase()]) {
      expect(everything).not.toContain(secret);
    }
  });
});
