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
const exact = (size: number | string) => ({ totalCount: Number(size), totalCountIsExact: true });
const countStatements = () => t.sql.statements.filter((s) => /COUNT\(\*\)|SUM\(/i.test(s));

interface Counted { totalCount: number; totalCountIsExact: boolean }

describe('totalCount with TOTAL_COUNT_CAP', () => {
  it('stops at the cap for a merchant with more applications, and says so', async () => {
    const sizes = await sql<{ name: string; n: number }>(
      'SELECT m.name AS name, COUNT(*) AS n FROM applications a JOIN merchants m ON m.id = a.merchantId GROUP BY m.name');
    expect(sizes.every((s) => Number(s.n) > CAP)).toBe(true);
    const data = await t.client(KEYS.analyst).request<{ merchants: { nodes: ({ name: string; applications: Counted })[] } }>(
      '{ merchants(first: 100) { nodes { name applications(first: 1) { totalCount totalCountIsExact } } } }');
    expect(data.merchants.nodes).toHaveLength(sizes.length);
    for (const merchant of data.merchants.nodes) expect(merchant.applications).toEqual({ totalCount: CAP, totalCountIsExact: false });
  });

  it('answers totalCount and totalCountIsExact of every merchant\'s applications from one count statement', async () => {
    t.sql.reset();
    await t.client(KEYS.analyst).request('{ merchants(first: 100) { nodes { applications(first: 1) { totalCount totalCountIsExact } } } }');
    expect(countStatements()).toHaveLength(1);
  });

  it('prices a bounded count by the configured cap: ceil(5 / 1,000) = 1 point', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ merchants(first: 1) { totalCount nodes { id } } }');
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 1 + 1 + 1 });
  });
});

describe('plans\' totalCount, from the plan status counters', () => {
  it('is exact beyond the cap for every merchant, with and without a status', async () => {
    const sizes = await sql<{ name: string; n: number }>('SELECT m.name AS name, COUNT(*) AS n FROM plans p JOIN merchants m ON m.id = p.merchantId GROUP BY m.name');
    expect(sizes.every((s) => Number(s.n) > CAP)).toBe(true);
    const data = await t.client(KEYS.analyst).request<{ merchants: { nodes: ({ name: string; plans: Counted; active: Counted })[] } }>(
      '{ merchants(first: 100) { nodes { name plans(first: 1) { totalCount totalCountIsExact } active: plans(first: 1, status: ACTIVE) { totalCount totalCountIsExact } } } }');
    const active = await sql<{ name: string; n: number }>(
      "SELECT m.name AS name, COUNT(*) AS n FROM plans p JOIN merchants m ON m.id = p.merchantId WHERE p.status = 'ACTIVE' GROUP BY m.name");
    expect(data.merchants.nodes).toHaveLength(sizes.length);
    for (const merchant of data.merchants.nodes) {
      expect({ name: merchant.name, ...merchant.plans }).toEqual({ name: merchant.name, ...exact(sizes.find((s) => s.name === merchant.name)!.n) });
      expect({ name: merchant.name, ...merchant.active }).toEqual({ name: merchant.name, ...exact(active.find((s) => s.name === merchant.name)?.n ?? 0) });
    }
  });

  it('is exact for each status of a partner\'s plans at the root, and for every partner\'s (analyst)', async () => {
    const partnerId = await acmeId();
    const byStatus = await sql<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM plans WHERE partnerId = ? GROUP BY status', [partnerId]);
    expect(byStatus.some((s) => Number(s.n) > CAP)).toBe(true);
    for (const { status, n } of byStatus) {
      const data = await t.client(KEYS.acme).request<{ plans: Counted }>(`{ plans(first: 1, status: ${status}) { totalCount totalCountIsExact } }`);
      expect({ status, ...data.plans }).toEqual({ status, ...exact(n) });
    }
    const everyone = await sql<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM plans GROUP BY status');
    for (const { status, n } of everyone) {
      const data = await t.client(KEYS.analyst).request<{ plans: Counted }>(`{ plans(first: 1, status: ${status}) { totalCount totalCountIsExact } }`);
      expect({ status, ...data.plans }).toEqual({ status, ...exact(n) });
    }
    const [{ n: all }] = await sql<{ n: number }>('SELECT COUNT(*) AS n FROM plans WHERE partnerId = ?', [partnerId]);
    expect((await t.client(KEYS.acme).request<{ plans: Counted }>('{ plans(first: 1) { totalCount totalCountIsExact } }')).plans).toEqual(exact(all));
  });

  it('says 0, exactly, for a status no plan has', async () => {
    const data = await t.client(KEYS.acme).request<{ plans: Counted; merchants: { nodes: { plans: Counted }[] } }>(
      '{ plans(first: 1, status: CHARGED_OFF) { totalCount totalCountIsExact } merchants(first: 1) { nodes { plans(first: 1, status: CHARGED_OFF) { totalCount totalCountIsExact } } } }');
    const [{ n }] = await sql<{ n: number }>("SELECT COUNT(*) AS n FROM plans WHERE status = 'CHARGED_OFF' AND partnerId = ?", [await acmeId()]);
    expect(data.plans).toEqual(exact(n));
    expect(data.merchants.nodes[0].plans.totalCountIsExact).toBe(true);
  });

  it('reads every merchant\'s count in one statement on the counters, never counting plans', async () => {
    t.sql.reset();
    await t.client(KEYS.analyst).request('{ merchants(first: 100) { nodes { plans(first: 1) { totalCount totalCountIsExact } } } }');
    expect(countStatements()).toHaveLength(1);
    expect(countStatements()[0]).toMatch(/FROM\W+plan_status_counts\W/);
  });

  it('reads a root list\'s count in one statement on the counters', async () => {
    t.sql.reset();
    await t.client(KEYS.acme).request('{ plans(first: 1, status: ACTIVE) { totalCount totalCountIsExact } }');
    expect(countStatements()).toHaveLength(1);
    expect(countStatements()[0]).toMatch(/FROM\W+plan_status_counts\W/);
  });

  it('prices a count from the counters at 1 point', async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ plans(first: 1) { totalCount nodes { id } } }');
    expect(response.body.extensions!.cost).toMatchObject({ requestedQueryCost: 1 + 1 + 1, actualQueryCost: 1 + 1 + 1 });
  });
});
