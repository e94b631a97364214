import 'reflect-metadata';
import { Database, openDatabase } from '../../src/db/data-source';
import { migrateUnderLock } from '../../src/db/migration-lock';
import { createLogger } from '../../src/server/logger';
import { startWorker, Worker } from '../../src/server/worker';
import { CommandRunner } from '../../src/services/lifecycle/command-runner';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { freshDatabaseUrl } from '../support/test-database';

const LEASE_MS = 30_000;
const config = { intervalMs: 60_000, leaseMs: LEASE_MS, dutyCycle: 0.5 };

describe(startWorker.name, () => {
  let db: Database;
  let nowMs = Date.parse('2027-03-01T12:00:00Z');
  let a: Worker;
  let b: Worker;
  beforeAll(async () => {
    db = await openDatabase(await freshDatabaseUrl('worker_lease'));
    await migrateUnderLock(db);
    const options = (holder: string) => ({ holder, clock: () => new Date(nowMs), leaseClockMs: () => nowMs, timer: false, logger: createLogger('silent'), policy: DEFAULT_LENDING_POLICY });
    a = startWorker(new CommandRunner(db), config, options('a'));
    b = startWorker(new CommandRunner(db), config, options('b'));
  });
  afterAll(() => db.dataSource.destroy());

  it('lets only the first of two workers sweep', async () => {
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
  });

  it('keeps the lease with its holder while it renews, and sweeps again only after the interval', async () => {
    const sweptAt = nowMs;
    for (const step of [20_000, 20_000]) {
      nowMs += step;
      expect(await b.tick()).toBe(false);
      expect(await a.tick()).toBe(false);
    }
    nowMs = sweptAt + config.intervalMs;
    expect(await b.tick()).toBe(false);
    expect(await a.tick()).toBe(true);
  });

  it('hands the lease over once the holder has not renewed it for a lease period', async () => {
    nowMs += LEASE_MS + 1;
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false);
  });

  it('releases the lease on stop so the other takes over without waiting', async () => {
    await b.stop();
    nowMs += config.intervalMs;
    expect(await a.tick()).toBe(true);
  });
});
