import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freshDatabaseUrl } from '../support/test-database';

const root = path.resolve(__dirname, '../..');
const PORT = 4394;
const ATTACKERS = 64;
const ROUNDS_PER_ATTACKER = 4;
const PROBES = 200;

/** The gateway in its own process, so its RSS is its own and not jest's. */
async function startGatewayProcess(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/src/server/main.js'], {
    cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), NODE_ENV: 'development', LOG_LEVEL: 'warn', TENOR_NOW: '' },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/readyz`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`gateway did not become ready:\n${output}`);
}

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/**
 * The flood runs in its own process (test/support/unauthenticated-flood-client.mjs), so its sockets
 * do not share the measured client's event loop: `started` once it sends, `done` with its status lines.
 */
function flood(): { started: Promise<void>; done: Promise<string[]> } {
  const attacker = spawn(process.execPath, [path.join(__dirname, '../support/unauthenticated-flood-client.mjs'), String(PORT), String(ATTACKERS), String(ROUNDS_PER_ATTACKER)]);
  const started = new Promise<void>((resolve) => attacker.stderr.once('data', () => resolve()));
  const done = new Promise<string[]>((resolve, reject) => {
    let output = '';
    attacker.stdout.on('data', (d) => (output += d));
    attacker.on('error', reject);
    attacker.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as string[]) : reject(new Error(`flood client exited ${code}`))));
  });
  return { started, done };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

describe('64 unauthenticated clients sending 230 KB nested bodies', () => {
  let child: ChildProcess;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: root });
    child = await startGatewayProcess(await freshDatabaseUrl('unauthenticated_flood'));
  }, 120_000);
  afterAll(() => {
    child.kill('SIGKILL');
  });

  it('cost the gateway under 100 MB of RSS and add under 100 ms to other clients\' p99', async () => {
    const probe = async () => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test_partner_acme' },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect((await response.json() as { data: unknown }).data).toEqual({ viewer: { role: 'PARTNER' } });
      return performance.now() - started;
    };
    /** `count` probes one after another, sorted by latency. */
    const probes = async (count: number) => {
      const latencies: number[] = [];
      for (let i = 0; i < count; i++) latencies.push(await probe());
      return latencies.sort((a, b) => a - b);
    };
    await probes(50); // warm: compiled operation, key lookup, JIT
    const quietBefore = await probes(PROBES);
    const rssBefore = rssBytes(child.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssBytes(child.pid!));
    }, 20);

    // A fixed flood (ATTACKERS x ROUNDS_PER_ATTACKER bodies, 64 in flight at any time), and probes from
    // its start until it is over (at least PROBES of them): a slow gateway is measured as long as it is slow.
    let statuses: string[] | null = null;
    const { started, done } = flood();
    const flooding = done.then((lines) => {
      statuses = lines;
    });
    await started;
    const latencies: number[] = [];
    while (latencies.length < PROBES || statuses === null) latencies.push(await probe());
    await flooding;
    const refusals: string[] = statuses!;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssBytes(child.pid!));
    // The machine's own load drifts (CI boxes are shared): the quiet baseline is the worse of before and after.
    const quietAfter = await probes(PROBES);
    const quietP99 = Math.max(percentile(quietBefore, 0.99), percentile(quietAfter, 0.99));

    latencies.sort((a, b) => a - b);
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;
    const refused = refusals.filter((s) => s === 'HTTP/1.1 401 Unauthorized').length;
    console.log(`unauthenticated flood: ${refusals.length} hostile requests (${refused} answered 401, the rest cut while sending), `
      + `gateway RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB -> peak ${(rssPeak / 2 ** 20).toFixed(0)} MB (+${growthMb.toFixed(1)} MB); `
      + `authenticated p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms over ${latencies.length} requests `
      + `(without the flood: p99 ${percentile(quietBefore, 0.99).toFixed(1)} ms before, ${percentile(quietAfter, 0.99).toFixed(1)} ms after)`);
    expect(refusals.every((s) => s === '' || s === 'HTTP/1.1 401 Unauthorized')).toBe(true);
    expect(refused).toBeGreaterThan(0);
    expect(growthMb).toBeLessThan(100);
    // 100 ms over what this machine gives the same client without the flood: on a quiet machine (p99
    // a few ms) that is issue 12's "p99 under 100 ms"; on a loaded CI box the quiet p99 alone can be
    // tens of ms, and only the flood's share is ours to bound.
    expect(percentile(latencies, 0.99)).toBeLessThan(100 + quietP99);
  }, 120_000);
});
