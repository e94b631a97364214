// The gateway's production roles as the scale bench runs them: `serve` timed from spawn to the line
// that says it serves, and `worker` watched for the line that ends its sweep.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { cpuTimeMs, freePort } from './processes';

export const GATEWAY_MAIN = path.join(__dirname, '..', 'src', 'server', 'main.js');

interface LogLine { time: number; msg: string; [field: string]: unknown }

/** A role's process with its JSON log lines (pino: `time` in epoch ms), for waiting on one of them. */
export class RoleProcess {
  private readonly lines: LogLine[] = [];
  private readonly waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  private readonly text: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(readonly role: string, readonly child: ChildProcess) {
    let partial = '';
    const take = (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const raw of parts.filter(Boolean)) this.take(raw);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', (chunk: Buffer) => this.text.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Logs at info whatever `env` says: the lines waited for are info lines. */
  static start(role: 'serve' | 'worker', env: Record<string, string>): RoleProcess {
    const child = spawn(process.execPath, [GATEWAY_MAIN, role], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    return new RoleProcess(role, child);
  }

  private take(raw: string): void {
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      this.text.push(raw);
      return;
    }
    this.lines.push(line);
    for (const waiter of this.waiters.filter((w) => w.match(line))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }

  /** The first log line (already written or still to come) with this message; fails if the process ends first. */
  async waitFor(msg: string | RegExp, timeoutMs: number): Promise<LogLine> {
    const match = (line: LogLine) => (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg));
    const seen = this.lines.find(match);
    if (seen) return seen;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        new Promise<LogLine>((resolve) => this.waiters.push({ match, resolve })),
        this.exited.then((code) => Promise.reject(new Error(`${this.role} exited with ${code} before "${msg}":\n${this.output()}`))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.role} did not log "${msg}" within ${timeoutMs / 1000} s:\n${this.output()}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private output(): string {
    return [...this.lines.slice(-10).map((l) => JSON.stringify(l)), ...this.text.slice(-10)].join('\n');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface StartUp { seconds: number; cpuSeconds: number | null }

/**
 * Seconds from spawning `serve` to its "Tenor is serving" line (written once the port listens),
 * module loading included: what a rolling restart waits for. Its CPU time by then says how much of
 * that was its own work rather than waiting for a busy machine.
 */
export async function timeServeStart(env: Record<string, string>): Promise<StartUp> {
  const port = await freePort();
  const spawnedAt = Date.now();
  const serve = RoleProcess.start('serve', { ...env, PORT: String(port), METRICS_PORT: '0' });
  try {
    const serving = await serve.waitFor(/^Tenor is serving /, 120_000);
    const cpuMs = cpuTimeMs(serve);
    return { seconds: (serving.time - spawnedAt) / 1000, cpuSeconds: cpuMs === null ? null : cpuMs / 1000 };
  } finally {
    await serve.stop();
  }
}
