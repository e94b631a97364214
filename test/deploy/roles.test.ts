import mysql from 'mysql2/promise';
import { MYSQL_MIGRATIONS } from '../../src/db/migrations/mysql';
import { buildOnce, RoleProcess, startRole, whenLogsOf } from '../support/role-process';
import { freshDatabaseUrl, onMysql } from '../support/test-database';

const LEASE_MS = 2000;

async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  const connection = await mysql.createConnection(url);
  try {
    return (await connection.query(sql))[0] as T[];
  } finally {
    await connection.end();
  }
}

interface Sweep { holder: string; startedAt: number; finishedAt: number }
const sweepsOf = (...workers: RoleProcess[]): Sweep[] => workers.flatMap((w) => w.logs().filter((l) => l.msg === 'maintenance sweep') as unknown as Sweep[]);

// Real processes on MariaDB: concurrency between processes is what these roles are for.
(onMysql() ? describe : describe.skip)('the serve, worker and migrate roles', () => {
  beforeAll(buildOnce);
  const running: RoleProcess[] = [];
  afterAll(() => running.forEach((p) => p.child.kill('SIGKILL')));
  const start = (role: string, env: NodeJS.ProcessEnv) => {
    const process = startRole(role, env);
    running.push(process);
    return process;
  };

  it('migrate run twice at once applies each migration exactly once and both exit 0', async () => {
    const url = await freshDatabaseUrl('roles_migrate');
    const [a, b] = [start('migrate', { DATABASE_URL: url }), start('migrate', { DATABASE_URL: url })];
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    const rows = await queryRows<{ name: string; n: number }>(url, 'SELECT name, COUNT(*) AS n FROM migrations GROUP BY name ORDER BY name');
    expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(MYSQL_MIGRATIONS.map((m) => [m.name, 1]).sort());
    const applied = [a, b].map((p) => (p.logs().find((l) => Array.isArray(l.applied))!.applied as string[]).length);
    expect(applied.sort()).toEqual([0, MYSQL_MIGRATIONS.length]);
  });

  it('serve refuses to start on a database with migrations pending, naming them and what to run', async () => {
    const url = await freshDatabaseUrl('roles_pending');
    const serve = start('serve', { DATABASE_URL: url, PORT: '0' });
    expect(await serve.exited).toBe(1);
    expect(serve.output()).toMatch(/Tenor failed to start \(MIGRATIONS_PENDING\): .*InitialSchema.*run `npm run migrate`/);
  });

  it('serve on a migrated database serves without seeding or sweeping', async () => {
    const url = await freshDatabaseUrl('roles_serve');
    expect(await start('migrate', { DATABASE_URL: url }).exited).toBe(0);
    const serve = start('serve', { DATABASE_URL: url, PORT: '0' });
    const graphqlUrl = await serve.serving();
    expect((await fetch(new URL('/readyz', graphqlUrl))).status).toBe(200);
    expect(await queryRows(url, 'SELECT id FROM partners')).toEqual([]);
    expect(await queryRows(url, 'SELECT name FROM worker_leases')).toEqual([]);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  // How soon the lease passes (within a lease period and one check) is timed in npm run test:faults
  // (test/faults/slow/time-bounds.test.ts); here, that it passes and sweeps never overlap.
  it('two workers never sweep at the same time, and killing the holder hands the lease over', async () => {
    const url = await freshDatabaseUrl('roles_workers');
    expect(await start('migrate', { DATABASE_URL: url }).exited).toBe(0);
    const env = { DATABASE_URL: url, MAINTENANCE_INTERVAL_SECONDS: '1', WORKER_LEASE_SECONDS: String(LEASE_MS / 1000) };
    const workers = [start('worker', env), start('worker', env)];
    await whenLogsOf(workers, () => sweepsOf(...workers).length >= 4, 'four sweeps');

    const sweeps = sweepsOf(...workers);
    expect(new Set(sweeps.map((s) => s.holder)).size).toBe(1);
    const holderIndex = workers.findIndex((w) => sweepsOf(w).length > 0);
    const [holder, other] = [workers[holderIndex], workers[1 - holderIndex]];

    holder.child.kill('SIGKILL');
    await holder.exited;
    await other.waitForLogs(() => sweepsOf(other).length > 0, 'the other worker taking over');

    const all = sweepsOf(holder, other).sort((x, y) => x.startedAt - y.startedAt);
    for (let i = 1; i < all.length; i++) expect(all[i].startedAt).toBeGreaterThanOrEqual(all[i - 1].finishedAt);
  });

  it('a worker stopped with SIGTERM releases its lease at once and exits 0', async () => {
    const url = await freshDatabaseUrl('roles_release');
    expect(await start('migrate', { DATABASE_URL: url }).exited).toBe(0);
    const worker = start('worker', { DATABASE_URL: url, WORKER_LEASE_SECONDS: '600' });
    await worker.waitForLogs(() => sweepsOf(worker).length > 0, 'a sweep');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const [lease] = await queryRows<{ expiresAt: number }>(url, "SELECT expiresAt FROM worker_leases WHERE name = 'maintenance'");
    expect(Number(lease.expiresAt)).toBe(0);
  });
});
