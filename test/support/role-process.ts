import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: root });
}

export type LogLine = Record<string, unknown>;

export interface RoleProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): LogLine[];
  exited: Promise<number | null>;
  /**
   * Resolves once the logs so far satisfy `condition`, checked again on each line the process
   * writes (no polling); rejects if the process exits first, or after `timeoutMs` naming `what`.
   */
  waitForLogs(condition: (logs: LogLine[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** The URL of /graphql once the process logged that it serves (all-in-one and serve roles). */
  serving(timeoutMs?: number): Promise<string>;
}

/**
 * Runs `node dist/src/server/main.js <role>` as npm run <role> does (`all-in-one` is `npm start`), with
 * its own environment: the one way tests start the built gateway as a process.
 */
export function startRole(role: string, env: NodeJS.ProcessEnv): RoleProcess {
  let output = '';
  let stdout = '';
  const child = spawn(process.execPath, ['dist/src/server/main.js', role], {
    cwd: root, env: { ...process.env, NODE_ENV: 'development', TENOR_NOW: '', LOG_LEVEL: 'info', METRICS_PORT: '0', ...env },
  });
  child.stdout!.on('data', (d) => {
    output += d;
    stdout += d;
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Complete lines only: a chunk may end in the middle of one.
  const logs = () => stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
  const isServing = (line: LogLine) => typeof line.url === 'string' && String(line.msg).startsWith('Tenor is serving');
  const handle: RoleProcess = {
    child, output: () => output, logs, exited,
    waitForLogs: (condition, what, timeoutMs) => whenLogsOf([handle], () => condition(logs()), what, timeoutMs),
    async serving(timeoutMs) {
      await handle.waitForLogs((lines) => lines.some(isServing), 'that it serves', timeoutMs);
      return String(logs().find(isServing)!.url).replace('localhost', '127.0.0.1');
    },
  };
  return handle;
}

/**
 * Resolves once `condition` holds, checked now and again on each line any of `processes` writes (no
 * polling); rejects when one of them exits first, or after `timeoutMs` naming `what`.
 */
export function whenLogsOf(processes: RoleProcess[], condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const { child } of processes) child.stdout!.off('data', check);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    };
    function check() {
      if (condition()) finish();
    }
    const outputs = () => processes.map((p) => p.output()).join('\n---\n');
    const deadline = setTimeout(() => finish(new Error(`no log line showed ${what} within ${timeoutMs} ms:\n${outputs()}`)), timeoutMs);
    for (const { child, exited } of processes) {
      child.stdout!.on('data', check);
      void exited.then((code) => finish(new Error(`a process exited (${code}) before the logs showed ${what}:\n${outputs()}`)));
    }
    check();
  });
}

/**
 * A gateway process of the enclosing describe block: built and started before its tests (its URL
 * once it serves), killed after them. `process()` and `url()` read what beforeAll set.
 */
export function gatewayForSuite(env: NodeJS.ProcessEnv, timeoutMs = 60_000): { process(): RoleProcess; url(): string } {
  let gateway: RoleProcess | undefined;
  let url = '';
  beforeAll(async () => {
    buildOnce();
    gateway = startRole('all-in-one', { DATABASE_URL: 'sqlite::memory:', PORT: '0', ...env });
    url = await gateway.serving(timeoutMs);
  }, timeoutMs * 2);
  afterAll(async () => {
    gateway?.child.kill('SIGKILL');
    await gateway?.exited;
  });
  return { process: () => gateway!, url: () => url };
}
