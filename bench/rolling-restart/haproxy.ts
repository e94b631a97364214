// HAProxy in front of the serve processes, as a platform's load balancer would be: health checks on
// /readyz, and a retry on another server when a backend connection fails before any response (safe
// for our mutations: each carries an idempotency key).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHECK_INTERVAL_MS = 500;

/** Installs Debian's haproxy package when it is missing (the drill runs as root in CI). */
export function ensureHaproxy(): string {
  const found = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  if (found()) return found();
  console.log('haproxy is missing: apt-get install -y haproxy');
  const apt = (args: string[]) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    apt(['install', '-y', '--no-install-recommends', 'haproxy']);
  } catch {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'haproxy']);
  }
  if (!found()) throw new Error('haproxy could not be installed');
  return found();
}

export interface Haproxy {
  child: ChildProcess;
  /** Each backend server's state as HAProxy sees it (UP, DOWN, NOLB …). */
  serverStates(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startHaproxy(binary: string, frontendPort: number, statsPort: number, backends: Record<string, number>): Promise<Haproxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, [
    'global',
    '  maxconn 1024',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-keep-alive 10s',
    // Without it a check times out after `inter` (500 ms): a loaded but healthy server would be taken out.
    '  timeout check 3s',
    '  option http-keep-alive',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
    'frontend stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    'frontend api',
    `  bind 127.0.0.1:${frontendPort}`,
    '  default_backend tenor',
    'backend tenor',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    ...Object.entries(backends).map(([name, port]) => `  server ${name} 127.0.0.1:${port} check inter ${CHECK_INTERVAL_MS} fall 2 rise 2`),
    '',
  ].join('\n'));
  execFileSync(binary, ['-c', '-q', '-f', file]);
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const serverStates = async () => {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
    const rows = csv.split('\n').map((line) => line.split(','));
    return Object.fromEntries(rows.filter((r) => r[0] === 'tenor' && backends[r[1]] !== undefined).map((r) => [r[1], r[17]]));
  };
  for (let i = 0; i < 100; i++) {
    const up = await serverStates().catch(() => ({} as Record<string, string>));
    if (Object.keys(up).length === Object.keys(backends).length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    serverStates,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once HAProxy routes to `server` again (its health checks passed `rise` times). */
export async function untilUp(haproxy: Haproxy, server: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while ((await haproxy.serverStates())[server] !== 'UP') {
    if (Date.now() - started > timeoutMs) throw new Error(`HAProxy did not see ${server} UP within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
