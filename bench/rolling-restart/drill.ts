// npm run drill:rolling-restart: HAProxy in front of two `serve` processes and a `worker` on the local
// MariaDB; partner traffic for DRILL_SECONDS (default 60) while each serve is restarted in turn with
// SIGTERM; then the books are checked. Writes bench/results/rolling-restart.json and exits 1 unless
// every request was answered, no connection was reset and the books balance.
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { openDatabase } from '../../src/db/data-source';
import { parseDatabaseUrl } from '../../src/db/database-url';
import { DEMO_KEYS, seedDemoData } from '../../src/demo/seed';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { bookProblems } from '../../test/support/invariants';
import { freePort } from '../processes';
import { ensureHaproxy, startHaproxy, untilUp } from './haproxy';
import { driveLoad, PlanTarget } from './load';

const root = path.resolve(__dirname, '../../..');
const DATABASE_URL = process.env.DRILL_DATABASE_URL || 'mysql://root@127.0.0.1:3306/tenor_drill';
const SECONDS = Number(process.env.DRILL_SECONDS || 60);
const CLIENTS = Number(process.env.DRILL_CLIENTS || 8);
/** Long enough for HAProxy (checks every 500 ms, down after 2 failures) to stop routing before the drain. */
const ROLE_ENV = {
  DATABASE_URL, NODE_ENV: 'development', TENOR_NOW: '', LOG_LEVEL: 'warn', SHUTDOWN_DELAY_SECONDS: '2', SHUTDOWN_GRACE_SECONDS: '10',
  MAINTENANCE_INTERVAL_SECONDS: '5', WORKER_LEASE_SECONDS: '10', METRICS_PORT: '0',
};

interface Role { child: ChildProcess; output: string[]; exited: Promise<number | null> }

function startRole(role: string, env: Record<string, string> = {}): Role {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/server/main.js'), role], {
    env: { ...process.env, ...ROLE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function startServe(port: number): Promise<Role> {
  const serve = startRole('serve', { PORT: String(port) });
  for (let i = 0; i < 600; i++) {
    if (serve.child.exitCode !== null) throw new Error(`serve on ${port} exited ${serve.child.exitCode}:\n${serve.output.join('\n')}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return serve;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`serve on ${port} did not become ready`);
}

async function freshDatabase(): Promise<void> {
  const target = parseDatabaseUrl(DATABASE_URL);
  if (target.driver !== 'mysql') throw new Error('DRILL_DATABASE_URL must be a MySQL/MariaDB URL');
  const connection = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
  await connection.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
  await connection.end();
  const migrate = startRole('migrate');
  if ((await migrate.exited) !== 0) throw new Error(`migrate failed:\n${migrate.output.join('\n')}`);
}

async function main(): Promise<void> {
  const haproxyBinary = ensureHaproxy();
  await freshDatabase();
  const db = await openDatabase(DATABASE_URL, { poolSize: 2 });
  await seedDemoData(db, new Date(), DEFAULT_LENDING_POLICY);
  const rows: { id: number; currency: string; partner: string }[] = await db.dataSource.query(
    "SELECT p.id, p.currency, pa.name AS partner FROM plans p JOIN partners pa ON pa.id = p.partnerId WHERE p.status IN ('ACTIVE', 'DELINQUENT') ORDER BY p.id");
  const plans: PlanTarget[] = rows.map((r) => ({ id: Number(r.id), currency: r.currency, key: r.partner.startsWith('Acme') ? DEMO_KEYS.acme : DEMO_KEYS.globex }));

  const ports = { serve1: await freePort(), serve2: await freePort() };
  const serves: Record<string, Role> = { serve1: await startServe(ports.serve1), serve2: await startServe(ports.serve2) };
  const worker = startRole('worker');
  const [frontend, stats] = [await freePort(), await freePort()];
  const haproxy = await startHaproxy(haproxyBinary, frontend, stats, ports);
  for (const name of Object.keys(ports)) await untilUp(haproxy, name);

  const started = Date.now();
  const endsAt = started + SECONDS * 1000;
  // Traffic runs at least DRILL_SECONDS, and on until the last restarted serve is back in HAProxy.
  let restarting = true;
  const load = driveLoad(`http://127.0.0.1:${frontend}/graphql`, plans, DEMO_KEYS.analyst, CLIENTS, () => !restarting && Date.now() >= endsAt);
  const restarts: Array<{ server: string; atSecond: number; exitCode: number | null; backInMs: number }> = [];
  const names = Object.keys(ports) as Array<keyof typeof ports>;
  for (const [index, name] of names.entries()) {
    // Restarts spread over the run, each finished (back UP in HAProxy) before the next begins.
    const at = started + ((index + 1) * SECONDS * 1000) / (names.length + 1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
    const stopAt = Date.now();
    serves[name].child.kill('SIGTERM');
    const exitCode = await serves[name].exited;
    serves[name] = await startServe(ports[name]);
    await untilUp(haproxy, name);
    restarts.push({ server: name, atSecond: Math.round((stopAt - started) / 1000), exitCode, backInMs: Date.now() - stopAt });
  }
  restarting = false;
  const result = await load;

  await haproxy.stop();
  for (const role of [...Object.values(serves), worker]) {
    role.child.kill('SIGTERM');
    await role.exited;
  }
  const problems = await bookProblems(db);
  const [{ n }] = await db.dataSource.query("SELECT COUNT(*) AS n FROM idempotency_records WHERE idempotencyKey LIKE 'drill-%'");
  if (Number(n) !== result.acknowledged.size) problems.push(`${n} repayments committed but ${result.acknowledged.size} acknowledged to clients`);
  for (const restart of restarts) if (restart.exitCode !== 0) problems.push(`${restart.server} exited ${restart.exitCode} after SIGTERM (not drained in time)`);
  await db.dataSource.destroy();

  const report = {
    requests: result.requests, failed: result.failed, resets: result.resets, booksProblems: problems.length,
    seconds: Math.round((Date.now() - started) / 1000), clients: CLIENTS, reads: result.reads, repayments: result.repayments, repaymentsCommitted: Number(n),
    restarts, problems, failures: result.failures, measuredAt: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/rolling-restart.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  const ok = report.failed === 0 && report.resets === 0 && report.booksProblems === 0;
  console.log(ok ? 'rolling restart: 0 failed, 0 resets, books balance' : 'rolling restart FAILED');
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error('rolling-restart drill failed:', error);
  process.exit(1);
});
