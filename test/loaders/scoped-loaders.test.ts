import type { EntityTarget, ObjectLiteral } from 'typeorm';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
} from '../../entities';
import { LOADERS } from '../../src/loaders/loaders';
import { startTestGateway, TestGateway } from '../support/gateway';

/** The by-id loaders, the entities they read. A new loader must be listed here, or in CHILDREN. */
const BY_ID: Record<string, EntityTarget<ObjectLiteral>> = {
  partner: Partner, apiKey: ApiKey, merchant: Merchant, program: FinancingProgram, application: Application, plan: Plan,
  installment: Installment, repayment: Repayment, refund: Refund, planEvent: PlanEvent, offer: Offer,
};
/** Loaders keyed by a parent's id: reachable only through a parent that a scoped loader returned. */
const CHILDREN = /(By|Of)[A-Z]\w+$/;

let t: TestGateway;
const partnerIds: Record<string, number> = {};
beforeAll(async () => {
  t = await startTestGateway('scoped_loaders');
  for (const row of await t.gateway.db.dataSource.query('SELECT id, name FROM partners')) partnerIds[row.name] = Number(row.id);
});
afterAll(() => t.close());

describe('every loader is scoped', () => {
  it('takes the viewer\'s partner, unless it is keyed by an already scoped parent', () => {
    const names = Object.keys(LOADERS) as (keyof typeof LOADERS)[];
    const scoped = names.filter((name) => LOADERS[name].length === 2);
    expect(scoped.sort()).toEqual(Object.keys(BY_ID).sort());
    expect(names.filter((name) => !scoped.includes(name)).every((name) => CHILDREN.test(name))).toBe(true);
  });

  it.each(Object.keys(BY_ID))('%s: a partner sees its rows and none of another partner\'s', async (name) => {
    const ds = t.gateway.db.dataSource;
    const reads = t.gateway.db.repositories.reads;
    const table = ds.getMetadata(BY_ID[name]).tableName;
    const ids: number[] = (await ds.query(`SELECT id FROM ${table}`)).map((row: { id: number }) => Number(row.id));
    const visible = async (partnerId: number | null) => {
      const loader = (LOADERS as unknown as Record<string, (r: typeof reads, p: number | null) => { loadMany(k: number[]): Promise<unknown[]> }>)[name](reads, partnerId);
      const rows = await loader.loadMany(ids);
      return ids.filter((_, i) => rows[i] !== null);
    };
    const everyone = await visible(null);
    const acme = await visible(partnerIds['Acme Commerce']);
    const globex = await visible(partnerIds['Globex Retail']);
    expect(everyone).toEqual(ids);
    expect(acme.length).toBeGreaterThan(0);
    expect(globex.length).toBeGreaterThan(0);
    expect(acme.filter((id) => globex.includes(id))).toEqual([]);
  });
});
