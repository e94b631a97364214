import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

/** A cap below every demo merchant's plan count, so the demo portfolio shows both sides of it. */
const CAP = 5;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('total_count', { env: { TOTAL_COUNT_CAP: String(CAP) } });
});
afterAll(() => t.close());

const sql = async <T>(query: string, params: unknown[] = []): Promise<T[]> => t.gateway.db.dataSource.query(query, params);
const acmeId = async () => Number((await sql<{ id: number }>("SELECT id FROM partners WHERE name = 'Acme Commerce'"))[0].id);
/** What a capped count must say of a list of `size` rows. */
const capped = (size: number) => ({ totalCount: Math.min(size, CAP), totalCountIsExact: size <= CAP });

interface Counted { totalCount: number; totalCountIsExact: boolean }

describe('totalCount with TOTAL_COUNT_CAP', () => {
  it('stops at the cap for a merchant with more plans, and says so', async () => {
    const sizes = await sql<{ name: string; n: number }>('SELECT m.name AS name, COUNT(*) AS n FROM plans p JOIN merchants m ON m.id = p.merchantId GROUP BY m.name');
    expect(sizes.every((s) => Number(s.n) > CAP)).toBe(true);
    const data = await t.client(KEYS.analyst).request<{ merchants: { nodes: ({ name: string; plans: Counted })[] } }>(
      '{ merchants(first: 100) { nodes { name plans(first: 1) { totalCount totalCountIsExact } } } }');
    expect(data.merchants.nodes).toHaveLength(sizes.length);
    for (const merchant of data.merchants.nodes) expect(merchant.plans).toEqual({ totalCount: CAP, totalCountIsExact: false });
  });

  it('is exact below the cap: each status of a partner\'s plans, at the root and per merchant', async () => {
    const partnerId = await acmeId();
    const byStatus = await sql<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM plans WHERE partnerId = ? GROUP BY status', [partnerId]);
    expect(byStatus.some((s) => Number(s.n) <= CAP)).toBe(true);
    for (const { status, n } of byStatus) {
      const data = await t.client(KEYS.acme).request<{ plans: Counted }>(
        `{ plans(first: 1, status: ${status}) { totalCount totalCountIsExact } }`);
      expect({ status, ...data.plans }).toEqual({ status, ...capped(Number(n)) });
    }
  });

  it('counts a merchant\'s plans of one status exactly when there are few', async () => {
    const [few] = await sql<{ name: string; status: string; n: number }>(
      'SELECT m.name AS name, p.status AS status, COUNT(*) AS n FROM plans p JOIN merchants m ON m.id = p.merchantId '
      + 'GROUP BY m.name, p.status HAVING COUNT(*) < ? ORDER BY m.name, p.status', [CAP]);
    const data = await t.client(KEYS.analyst).request<{ merchants: { nodes: ({ name: string; plans: Counted })[] } }>(
      `{ merchants(first: 100) { nodes { name plans(first: 1, status: ${few.status}) { totalCount totalCountIsExact } } } }`);
    expect(data.merchants.nodes.find((m) => m.name === few.name)!.plans).toEqual({ totalCount: Number(few.n), totalCountIsExact: true });
  });

  it('answers totalCount and totalCountIsExact of every merchant from one count statement', async () => {
    t.sql.reset();
    await t.client(KEYS.analyst).request('{ merchants(first: 100) { nodes { plans(first: 1) { totalCount totalCountIsExact } } } }');
    expect(t.sql.statements.filter((s) => /COUNT\(\*\)/i.test(s))).toHaveLength(1);
  });

  it('answers a root list\'s totalCount and totalCountIsExact from one count statement', async () => {
    t.sql.reset();
    const data = await t.client(KEYS.acme).request<{ plans: Counted }>('{ plans(first: 1) { totalCount totalCountIsExact } }');
    expect(data.plans).toEqual({ totalCount: CAP, totalCountIsExact: false });
    expect(t.sql.statements.filter((s) => /COUNT\(\*\)/i.test(s))).toHaveLength(1);
  });

  it('prices the count by the configured cap: ceil(5 / 1,000) = 1 point', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ plans(first: 1) { totalCount nodes { id } } }');
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 1 + 1 + 1 });
  });
});
