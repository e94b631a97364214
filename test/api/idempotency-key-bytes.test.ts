import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

/**
 * Idempotency keys are compared byte for byte on every database: MariaDB's default collation made
 * `K-abc` and `K-ABC` (and `K` and `K `) one key, so a second, different request was refused as a
 * reuse or, with the same input, got the first one's answer.
 */
const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) {
  application { id } userErrors { code field } } }`;
const MERCHANT = '{ merchants(first: 10) { nodes { id currency } } }';

let t: TestGateway;
let merchantId: string;
beforeAll(async () => {
  t = await startTestGateway('idempotency_key_bytes');
  const { body } = await postQuery(t.url, KEYS.acme, MERCHANT);
  merchantId = (body.data as { merchants: { nodes: { id: string; currency: string }[] } }).merchants.nodes.find((m) => m.currency === 'USD')!.id;
});
afterAll(() => t.close());

const apply = (idempotencyKey: string) => postQuery(t.url, KEYS.acme, CREATE, { input: {
  merchantId, amount: { amount: '120.00', currency: 'USD' }, idempotencyKey,
  applicant: { firstName: 'Kay', lastName: 'Case', email: 'kay.case@example.com', creditScore: 760 },
} });

const applicationId = (response: Awaited<ReturnType<typeof apply>>): string | undefined =>
  (response.body.data as { createApplication: { application: { id: string } | null } } | undefined)?.createApplication.application?.id;

describe('idempotency keys that differ only in case, accents or trailing spaces', () => {
  it.each([['K-abc', 'K-ABC'], ['K-e', 'K-é'], ['K-pad', 'K-pad ']])('%j and %j are two requests', async (first, second) => {
    const one = await apply(first);
    const two = await apply(second);
    expect(applicationId(one)).toBeDefined();
    expect(applicationId(two)).toBeDefined();
    expect(applicationId(two)).not.toBe(applicationId(one));
    // The same key again is still a replay of its own first answer.
    expect(applicationId(await apply(second))).toBe(applicationId(two));
  });
});
