// The gateway and the baseline as child processes: each has its own event loop and its RSS can be read.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface Server { name: string; origin: string; child: ChildProcess; output: string[] }

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts `node script …args` on a free PORT and resolves once it answers /healthz. */
export async function startServer(name: string, script: string, env: Record<string, string>, timeoutMs = 120_000, args: string[] = []): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [script, ...args], { env: { METRICS_PORT: '0', ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  // Kept (last lines only) so a server that dies says why.
  const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean).slice(-20));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server = { name, origin: `http://127.0.0.1:${port}`, child, output };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    const up = await fetch(`${server.origin}/healthz`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer /healthz within ${timeoutMs / 1000}s:\n${output.join('\n')}`);
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The query-cost limit and the per-key throttle still run (their cost is part of what is measured)
 * but must not refuse: the NestedRead at first: 100 costs more than the default maximum, and
 * one key at thousands of requests a second would drain any partner-sized bucket.
 */
export const LIMITS_OUT_OF_THE_WAY = {
  MAX_QUERY_COST: '1000000', THROTTLE_BUCKET_POINTS: '1000000000', THROTTLE_RESTORE_PER_SECOND: '1000000000',
};

/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU times; 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used so far, in ms, from /proc; null where /proc is missing. */
export function cpuTimeMs(server: Pick<Server, 'child'>): number | null {
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident memory in MB from /proc: VmRSS now, or VmHWM (the peak since the process started). */
export function memoryMb(server: Server, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}
