import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: root });
}

export interface RoleProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Runs `node dist/src/server/main.js <role>` as npm run <role> does, with its own environment. */
export function startRole(role: string, env: NodeJS.ProcessEnv): RoleProcess {
  let output = '';
  const child = spawn(process.execPath, ['dist/src/server/main.js', role], {
    cwd: root, env: { ...process.env, NODE_ENV: 'development', TENOR_NOW: '', LOG_LEVEL: 'info', METRICS_PORT: '0', ...env },
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    logs: () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

/** Polls `condition` (no fixed sleeps): resolves once it holds, fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
