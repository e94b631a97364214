import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

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

export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready` (a real connection attempt) until it succeeds; a process start is not a fixed time. */
async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (Date.now() < giveUp) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

function owned(port: number, url: string, start: () => ChildProcess, ready: () => Promise<boolean>, folder: string): Promise<OwnedProcess> {
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
      await until(url, ready);
    },
    async dispose() {
      await kill();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
  return until(url, ready).then(() => handle);
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
  ], { stdio: 'ignore' });
  const ready = async () => {
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
      await connection.end();
      return true;
    } catch {
      return false;
    }
  };
  return owned(port, `mysql://root@127.0.0.1:${port}/tenor_faults`, start, ready, folder);
}

export async function startRedis(): Promise<OwnedProcess> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-faults-redis-'));
  const port = await sparePort();
  const start = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
    { stdio: 'ignore' });
  const ready = () => new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end('PING\r\n'));
    socket.once('data', (data) => { socket.destroy(); resolve(data.toString().startsWith('+PONG')); });
    socket.once('error', () => resolve(false));
  });
  return owned(port, `redis://127.0.0.1:${port}`, start, ready, folder);
}
