import 'reflect-metadata';
import { Plan } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { seedDemoData } from '../../src/demo/seed';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { PagedChildren } from '../../src/loaders/paged.loader';
import { MAX_BATCH } from '../../src/loaders/by-id.loader';
import { createLoaders } from '../../src/loaders/loaders';
import { SqlCounter } from '../support/sql-counter';
import { freshDatabaseUrl } from '../support/test-database';

let db: Database;
/** Above every demo merchant's plan count: counts here are exact. */
const CAP = 10_000;
const sql = new SqlCounter();

beforeAll(async () => {
  db = await openDatabase(await freshDatabaseUrl('loaders'), { logger: sql });
  await migrate(db);
  await seedDemoData(db, new Date('2027-03-01T12:00:00Z'), DEFAULT_LENDING_POLICY);
});
afterAll(() => db.dataSource.destroy());

const merchantIds = async (): Promise<number[]> => (await db.dataSource.query('SELECT id FROM merchants ORDER BY id')).map((r: { id: number }) => Number(r.id));

describe(PagedChildren.name, () => {
  it('loads the same page of every parent in one statement, each parent with its own rows', async () => {
    const plans = new PagedChildren(db.repositories.reads, Plan, 'merchantId', CAP);
    const ids = await merchantIds();
    sql.reset();
    const pages = await Promise.all(ids.map((id) => plans.page(id, { first: 3 })));
    expect(sql.count).toBe(1);
    pages.forEach((page, k) => {
      expect(page.rows).toHaveLength(3);
      expect(page.rows.every((row) => row.merchantId === ids[k])).toBe(true);
      expect(page.hasNextPage).toBe(true);
    });
  });

  it('takes the last rows of each parent, in ascending order', async () => {
    const plans = new PagedChildren(db.repositories.reads, Plan, 'merchantId', CAP);
    const [first] = await merchantIds();
    const all = await db.dataSource.getRepository(Plan).find({ where: { merchantId: first }, order: { id: 'ASC' } });
    const page = await plans.page(first, { last: 2 });
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(-2).map((r) => r.id));
    expect(page).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('batches different page arguments into separate statements and counts in one statement', async () => {
    const plans = new PagedChildren(db.repositories.reads, Plan, 'merchantId', CAP);
    const ids = await merchantIds();
    sql.reset();
    await Promise.all([...ids.map((id) => plans.page(id, { first: 2 })), ...ids.map((id) => plans.page(id, { first: 5 }))]);
    expect(sql.count).toBe(2);
    sql.reset();
    const counts = await Promise.all(ids.map((id) => plans.count(id)));
    expect(sql.count).toBe(1);
    expect(counts.every((c) => c.exact && c.count >= 12)).toBe(true);
  });

  it('counts each parent exactly as far as the cap', async () => {
    const ids = await merchantIds();
    const loader = plans(CAP);
    const exact = await Promise.all(ids.map((id) => loader.count(id)));
    const sizes = await Promise.all(ids.map(async (id) => Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM plans WHERE merchantId = ?', [id]))[0].n)));
    expect(exact).toEqual(sizes.map((count) => ({ count, exact: true })));
  });

  it('stops each parent\'s count at the cap, in one statement, and says it stopped', async () => {
    const ids = await merchantIds();
    const capped = plans(5);
    sql.reset();
    const counts = await Promise.all(ids.map((id) => capped.count(id)));
    expect(sql.count).toBe(1);
    expect(counts).toEqual(ids.map(() => ({ count: 5, exact: false })));
  });

  it('tells a list of exactly the cap (exact) from one beyond it', async () => {
    const [first] = await merchantIds();
    const size = Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM plans WHERE merchantId = ?', [first]))[0].n);
    expect(await plans(size).count(first)).toEqual({ count: size, exact: true });
    expect(await plans(size - 1).count(first)).toEqual({ count: size - 1, exact: false });
  });

  it('counts a full batch of parents in one statement (SQLite allows 500 terms in a UNION ALL)', async () => {
    const loader = plans(5);
    const ids = Array.from({ length: MAX_BATCH }, (_, k) => k + 1);
    sql.reset();
    const counts = await Promise.all(ids.map((id) => loader.count(id)));
    expect(sql.count).toBe(1);
    expect(counts.filter((c) => c.count === 5 && !c.exact)).toHaveLength((await merchantIds()).filter((id) => id <= MAX_BATCH).length);
  });

  it('counts a parent without rows as an exact zero', async () => {
    expect(await plans(5).count(999_999)).toEqual({ count: 0, exact: true });
  });

  it('applies filters inside each parent\'s bounded count', async () => {
    const [first] = await merchantIds();
    const active = Number((await db.dataSource.query("SELECT COUNT(*) AS n FROM plans WHERE merchantId = ? AND status = 'ACTIVE'", [first]))[0].n);
    expect(active).toBeGreaterThan(0);
    expect(await plans(CAP).count(first, { status: 'ACTIVE' })).toEqual({ count: active, exact: true });
  });
});

const plans = (cap: number) => new PagedChildren(db.repositories.reads, Plan, 'merchantId', cap);

describe('EntityReads.count', () => {
  it('counts a root list exactly below the cap and stops at it above', async () => {
    const total = Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM plans'))[0].n);
    expect(await db.repositories.reads.count(Plan, null, {}, CAP)).toEqual({ count: total, exact: true });
    expect(await db.repositories.reads.count(Plan, null, {}, 5)).toEqual({ count: 5, exact: false });
  });
});

describe('createLoaders', () => {
  it('confines by-id loads to the partner in the statement: another partner\'s row is null', async () => {
    const [acmeMerchant] = await merchantIds();
    const globexId = Number((await db.dataSource.query("SELECT id FROM partners WHERE name = 'Globex Retail'"))[0].id);
    const asGlobex = createLoaders(db.repositories.reads, globexId, CAP);
    sql.reset();
    const [merchant, missing] = await Promise.all([asGlobex.merchant.load(acmeMerchant), asGlobex.merchant.load(999_999)]);
    expect([merchant, missing]).toEqual([null, null]);
    expect(sql.count).toBe(1);
  });
});

describe('rows as loaded (SELECT * rows used as they arrive, converted only where needed)', () => {
  it('have the entity\'s types on this driver: numbers for ids and money, strings for dates, Date for timestamps', async () => {
    const loaders = createLoaders(db.repositories.reads, null, CAP);
    const [planId] = (await db.dataSource.query("SELECT id FROM plans WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")).map((r: { id: number }) => Number(r.id));
    const plan = (await loaders.plan.load(planId))!;
    expect(plan).toMatchObject({ id: planId, principal: expect.any(Number), capturedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(plan.createdAt).toBeInstanceOf(Date);
    expect(plan.authorizationExpiresAt).toBeInstanceOf(Date);
    const [installment] = await loaders.installmentsByPlan.load(planId);
    expect(installment).toMatchObject({ planId, sequence: 1, amountDue: expect.any(Number), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(Number.isSafeInteger(installment.amountDue)).toBe(true);
  });

  it('refuse money beyond safe integers loudly instead of rounding it', async () => {
    const [row] = await db.dataSource.query('SELECT id, amountDue FROM installments ORDER BY id LIMIT 1');
    await db.dataSource.query('UPDATE installments SET amountDue = ? WHERE id = ?', ['9007199254740993', row.id]);
    try {
      const loaders = createLoaders(db.repositories.reads, null, CAP);
      await expect(loaders.installment.load(Number(row.id))).rejects.toThrow(/unsafe value/);
    } finally {
      await db.dataSource.query('UPDATE installments SET amountDue = ? WHERE id = ?', [row.amountDue, row.id]);
    }
  });
});
