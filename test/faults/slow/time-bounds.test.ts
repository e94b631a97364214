import { KEYS } from '../../support/gateway';
import { acmeActivePlanId, holdPlan } from '../../support/plan-hold';
import { buildOnce, RoleProcess, startRole, whenLogsOf } from '../../support/role-process';
import { SqlCounter } from '../../support/sql-counter';
import { post, repay, SMALL_READ, startFaultGateway } from '../support/fault-gateway';
import { recordFigure } from '../support/figures';
import { OwnedProcess, startMariaDb } from '../support/processes';

/**
 * How soon the bounds that npm test proves by outcome take effect (test/deploy/roles.test.ts,
 * test/deploy/drain.test.ts, test/faults/database-bounds.test.ts): timing belongs here, on a
 * MariaDB of the suite's own, one file at a time.
 */
let db: OwnedProcess;
const database = (name: string) => db.url.replace(/\/[^/]+$/, `/${name}`);
beforeAll(async () => {
  db = await startMariaDb();
}, 120_000);
afterAll(() => db?.dispose());

describe('a pool with no free connection', () => {
  it('answers DATABASE_BUSY within DATABASE_ACQUIRE_TIMEOUT_MS, not when a connection frees up', async () => {
    const t = await startFaultGateway(database('bounds_acquire'), { DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300' });
    const holder = t.gateway.db.dataSource.createQueryRunner();
    await holder.connect();
    try {
      const answer = await post(t.url, KEYS.acme, SMALL_READ);
      recordFigure('time-bounds', 'acquire-timeout-answer-ms', answer.ms);
      expect(answer.code).toBe('DATABASE_BUSY');
      expect(answer.ms).toBeLessThan(2000);
    } finally {
      await holder.release();
      await t.close();
    }
  }, 60_000);
});

describe('shutdown with a request that cannot finish', () => {
  it('cuts it at SHUTDOWN_GRACE_SECONDS', async () => {
    const sql = new SqlCounter();
    const t = await startFaultGateway(database('bounds_grace'), { SHUTDOWN_GRACE_SECONDS: '1' }, undefined, sql);
    const planId = await acmeActivePlanId(t.gateway);
    const hold = await holdPlan(t.gateway, sql, planId);
    const answer = repay(t.url, KEYS.acme, Buffer.from(`Plan:${planId}`).toString('base64url'), 'grace-cut').catch((error: Error) => error);
    await hold.waiting;
    const started = performance.now();
    expect(await t.gateway.shutdown()).toBe(false);
    const ms = performance.now() - started;
    recordFigure('time-bounds', 'grace-cut-ms', ms);
    expect(ms).toBeLessThan(3000);
    // Its client sees the connection cut, never a made-up answer.
    expect(await answer).toHaveProperty('message', expect.stringMatching(/fetch failed|socket hang up|ECONNRESET/));
    await hold.release().catch(() => undefined);
  }, 60_000);
});

describe('the worker lease', () => {
  const LEASE_MS = 2000;
  const INTERVAL_MS = 1000;
  const running: RoleProcess[] = [];
  beforeAll(buildOnce);
  afterAll(() => running.forEach((p) => p.child.kill('SIGKILL')));

  it('passes to the other worker within a lease period and one check of the holder\'s death', async () => {
    const url = database('bounds_lease');
    const migrate = startRole('migrate', { DATABASE_URL: url });
    expect(await migrate.exited).toBe(0);
    const env = { DATABASE_URL: url, MAINTENANCE_INTERVAL_SECONDS: String(INTERVAL_MS / 1000), WORKER_LEASE_SECONDS: String(LEASE_MS / 1000) };
    const workers = [startRole('worker', env), startRole('worker', env)];
    running.push(...workers);
    const sweepsOf = (worker: RoleProcess) => worker.logs().filter((line) => line.msg === 'maintenance sweep') as unknown as Array<{ startedAt: number }>;
    await whenLogsOf(workers, () => workers.some((w) => sweepsOf(w).length > 0), 'a first sweep');
    const [holder, other] = sweepsOf(workers[0]).length > 0 ? workers : [workers[1], workers[0]];

    holder.child.kill('SIGKILL');
    const killedAt = Date.now();
    await holder.exited;
    await other.waitForLogs(() => sweepsOf(other).length > 0, 'the other worker taking over');
    const tookOverAfter = sweepsOf(other)[0].startedAt - killedAt;
    recordFigure('time-bounds', 'lease-handover-ms', tookOverAfter);
    expect(tookOverAfter).toBeLessThanOrEqual(LEASE_MS + LEASE_MS / 3 + INTERVAL_MS);
  }, 90_000);
});
