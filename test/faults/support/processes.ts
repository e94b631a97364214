import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sparePort } from '../../support/spare-port';

/**
 * Database and Redis processes that a fault test owns: started from the installed binaries on a
 * spare port with their data in a temporary folder, so the test may kill or freeze them without
 * touching the shared servers.
 */
export interface OwnedProcess {
  port: number;
  url: string;
  /** SIGKILL, and waits until the process is gone. */
  kill(): Promise<void>;
  /** SIGSTOP: the process holds its sockets open and answers nothing. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Starts it again on the same port and data (after kill()). */
  restart(): Promise<void>;
  /** Stops it for good and removes its data. */
  dispose(): Promise<void>;
}

/**
 * Resolves once the server writes the line that says it accepts connections (no polling); rejects
 * if it exits first, or after `timeoutMs`. Its output is read to the end either way, so a full pipe
 * never stalls it.
 */
function readyLine(child: ChildProcess, ready: RegExp, what: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    };
    const deadline = setTimeout(() => finish(new Error(`${what} did not come up within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk) => {
        if (settled) return;
        output += chunk;
        if (ready.test(output)) finish();
      });
    }
    child.once('exit', (code) => finish(new Error(`${what} exited (${code}) before it was ready:\n${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

function owned(port: number, url: string, start: () => ChildProcess, ready: (child: ChildProcess) => Promise<void>, folder: string): Promise<OwnedProcess> {
  let child = start();
  const kill = async () => {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited(child);
  };
  const handle: OwnedProcess = {
    port, url, kill,
    freeze: () => { child.kill('SIGSTOP'); },
    thaw: () => { child.kill('SIGCONT'); },
    async restart() {
      child = start();
      await ready(child);
    },
    async dispose() {
      await kill();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
  return ready(child).then(() => handle);
}

/** One initialized data folder per machine, copied for each server (mariadb-install-db takes seconds). */
function mariadbTemplate(): string {
  const template = path.join(os.tmpdir(), 'tenor-faults-mariadb-template');
  if (fs.existsSync(path.join(template, 'ready'))) return template;
  fs.rmSync(template, { recursive: true, force: true });
  execFileSync('mariadb-install-db', [
    '--no-defaults', `--datadir=${path.join(template, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db',
    `--user=${os.userInfo().username}`,
  ], { stdio: 'ignore' });
  fs.writeFileSync(path.join(template, 'ready'), '');
  return template;
}

/** `serverArgs` replace the binlog default, e.g. a replication source's or replica's server id and binlog. */
export async function startMariaDb(serverArgs: string[] = ['--skip-log-bin']): Promise<OwnedProcess> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-faults-db-'));
  fs.cpSync(path.join(mariadbTemplate(), 'data'), path.join(folder, 'data'), { recursive: true });
  const port = await sparePort();
  const start = () => spawn('mariadbd', [
    '--no-defaults', `--datadir=${path.join(folder, 'data')}`, `--port=${port}`, '--bind-address=127.0.0.1',
    `--socket=${path.join(folder, 'sock')}`, `--pid-file=${path.join(folder, 'pid')}`, `--user=${os.userInfo().username}`,
    '--innodb-buffer-pool-size=32M', '--skip-name-resolve', '--max-connections=200', ...serverArgs,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = (child: ChildProcess) => readyLine(child, /ready for connections/, `mariadbd on port ${port}`);
  return owned(port, `mysql://root@127.0.0.1:${port}/tenor_faults`, start, ready, folder);
}

export async function startRedis(): Promise<OwnedProcess> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-faults-redis-'));
  const port = await sparePort();
  const start = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = (child: ChildProcess) => readyLine(child, /Ready to accept connections/, `redis-server on port ${port}`);
  return owned(port, `redis://127.0.0.1:${port}`, start, ready, folder);
}
