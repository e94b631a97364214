import 'reflect-metadata';
import { ALL_ENTITIES, ApplicationEvent, Application, Plan, PlanEvent } from '../../entities';
import { startGateway } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { durableDatabaseUrl } from '../support/test-database';
import { bookProblems } from '../support/invariants';
import type { Gateway } from '../../src/server/app';

async function rowCounts(gateway: Gateway): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of ALL_ENTITIES) counts[entity.name] = await gateway.db.dataSource.getRepository(entity).count();
  return counts;
}

describe('seedDemoData', () => {
  let url: string;
  beforeAll(async () => {
    url = await durableDatabaseUrl('seed');
  });
  const start = () => startGateway(loadConfig({ NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', DATABASE_URL: url, TENOR_NOW: '2027-03-01T12:00:00Z', LOG_LEVEL: 'silent' }), { statusSweepMs: 0 });

  it('fills an empty database once; a second start changes nothing', async () => {
    const first = await start();
    const before = await rowCounts(first);
    await first.close();
    const second = await start();
    const after = await rowCounts(second);
    await second.close();
    expect(before.Plan).toBeGreaterThanOrEqual(12 * 5);
    expect(after).toEqual(before);
  });

  it('reaches CHARGED_OFF and CANCELLED only through the use cases, each with its audit event', async () => {
    const gateway = await start();
    const m = gateway.db.dataSource.manager;
    const [chargedOff, chargeOffEvents, cancelled, cancelEvents] = await Promise.all([
      m.find(Plan, { where: { status: 'CHARGED_OFF' } }), m.find(PlanEvent, { where: { type: 'CHARGED_OFF' } }),
      m.find(Application, { where: { status: 'CANCELLED' } }), m.find(ApplicationEvent, { where: { type: 'CANCELLED' } }),
    ]);
    await gateway.close();
    expect(chargedOff.length).toBeGreaterThan(0);
    expect(chargedOff.every((p) => p.chargedOffAt !== null)).toBe(true);
    expect(chargeOffEvents.map((e) => e.planId).sort()).toEqual(chargedOff.map((p) => p.id).sort());
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelEvents.map((e) => e.applicationId).sort()).toEqual(cancelled.map((a) => a.id).sort());
  });

  it('leaves books that balance', async () => {
    const gateway = await start();
    const problems = await bookProblems(gateway.db);
    await gateway.close();
    expect(problems).toEqual([]);
  });
});
