import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabaseUrl } from '../support/test-database';

const root = path.resolve(__dirname, '../..');

/** Starts the built gateway as `npm start` would and waits for /readyz. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['dist/src/server/main.js'], { cwd: root, env: { METRICS_PORT: '0', ...process.env, ...env } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, base, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`gateway did not become ready:\n${output}`);
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('the gateway process', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: root });
    databaseUrl = process.env.TEST_DATABASE_URL
      ? await freshDatabaseUrl('process')
      : `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-process-')), 'tenor.sqlite')}`;
  });

  it('migrates, seeds, serves, and exits 0 on SIGTERM', async () => {
    const { child, base } = await startProcess({ DATABASE_URL: databaseUrl, PORT: '4391', NODE_ENV: 'development', LOG_LEVEL: 'warn', TENOR_NOW: '' });
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test_analyst' },
      body: JSON.stringify({ query: '{ merchants(first: 100) { totalCount } }' }),
    });
    expect(((await response.json()) as { data: { merchants: { totalCount: number } } }).data.merchants.totalCount).toBe(5);
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses TENOR_NOW in production with a clear message and exit code 1', async () => {
    const child = spawn(process.execPath, ['dist/src/server/main.js'], {
      cwd: root, env: { ...process.env, NODE_ENV: 'production', TENOR_NOW: '2027-01-01T00:00:00Z', DATABASE_URL: 'sqlite::memory:', PORT: '4392' },
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    expect(await exited(child)).toBe(1);
    expect(stderr).toMatch(/TENOR_NOW .* refused when NODE_ENV=production/);
  });

  it('refuses production without a MySQL DATABASE_URL, naming the setting, with exit code 1', async () => {
    const child = spawn(process.execPath, ['dist/src/server/main.js'], {
      cwd: root, env: { ...process.env, NODE_ENV: 'production', TENOR_NOW: '', DATABASE_URL: 'sqlite::memory:', PORT: '4393' },
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    expect(await exited(child)).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL must be mysql:\/\/… when NODE_ENV=production/);
  });
});
