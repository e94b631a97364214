// Maintenance at scale: the idle sweep (the function the worker runs each interval) and the mass
// status change (the real worker role, its clock a day ahead, while a partner keeps reading).
import { openDatabase } from '../src/db/data-source';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { CommandRunner } from '../src/services/lifecycle/command-runner';
import { runMaintenance } from '../src/services/lifecycle/maintenance';
import { sweepStatuses } from '../src/services/lifecycle/status-sweep';
import { Latency, latencyOf, timeRead } from './scale-reads';
import { RoleProcess } from './scale-roles';
import { openConnection } from './seed-bench';

const IDLE_RUNS = 5;

/** Seconds of runMaintenance with nothing due, median of IDLE_RUNS; the first sweep must change nothing. */
export async function timeIdleSweep(url: string, now: Date): Promise<{ seconds: number; runs: number[] }> {
  const db = await openDatabase(url, { poolSize: 2 });
  const runner = new CommandRunner(db);
  try {
    const changed = await sweepStatuses(runner, now, DEFAULT_LENDING_POLICY);
    if (changed !== 0) throw new Error(`the idle sweep changed ${changed} statuses: the portfolio was not built for today (past midnight in ${DEFAULT_LENDING_POLICY.timeZone}?)`);
    const runs: number[] = [];
    for (let i = 0; i < IDLE_RUNS; i++) {
      const started = process.hrtime.bigint();
      await runMaintenance(runner, now, DEFAULT_LENDING_POLICY);
      runs.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { seconds: round(sorted[Math.floor(IDLE_RUNS / 2)]), runs: runs.map(round) };
  } finally {
    await db.dataSource.destroy();
  }
}

export interface MassChange {
  /** Plans whose status the sweep changed: the due ones ACTIVE → DELINQUENT, and any of the rest whose day came. */
  plans: number;
  becameDelinquent: number;
  seconds: number;
  plansPerSecond: number;
  /** The same read, one at a time, before the sweep and while it ran. */
  readsBefore: Latency;
  /** null when the sweep ended before one read could run inside it. */
  readsDuring: Latency | null;
}

export interface Probe { url: string; body: string; expect: string }

/**
 * Starts the worker role with its clock a day ahead (TENOR_NOW: the one setting that needs a
 * non-production NODE_ENV), which makes every plan due tomorrow DELINQUENT in its first sweep,
 * and reads through the serve gateway the whole time. The sweep's own log line gives its start
 * and end; reads are kept if they ran entirely inside it.
 */
export async function timeMassChange(url: string, now: Date, probe: Probe, probeSeconds: number): Promise<MassChange> {
  const connection = await openConnection(url, true);
  // The sweep writes one event per status it changes; the seed wrote none with its request id.
  const sweptEvents = async () => {
    const [[row]] = await connection.query(
      "SELECT COUNT(*) AS changed, COALESCE(SUM(toStatus = 'DELINQUENT'), 0) AS delinquent FROM plan_events WHERE requestId = 'status-sweep'",
    ) as unknown as [[{ changed: number | string; delinquent: number | string }]];
    return { changed: Number(row.changed), delinquent: Number(row.delinquent) };
  };
  try {
    const probeEnds = Date.now() + probeSeconds * 1000;
    const before = await readsUntil(probe, () => Date.now() >= probeEnds);
    const eventsBefore = await sweptEvents();
    const worker = RoleProcess.start('worker', {
      NODE_ENV: 'development', DATABASE_URL: url, TENOR_NOW: new Date(now.getTime() + 24 * 3600 * 1000).toISOString(),
      MAINTENANCE_INTERVAL_SECONDS: '3600', METRICS_PORT: '0',
    });
    let swept = false;
    try {
      const during = readsUntil(probe, () => swept);
      const line = await worker.waitFor('maintenance sweep', 30 * 60_000).finally(() => { swept = true; });
      const [startedAt, finishedAt] = [Number(line.startedAt), Number(line.finishedAt)];
      const readsDuring = (await during).filter((read) => read.at >= startedAt && read.at + read.ms <= finishedAt);
      const events = await sweptEvents();
      const plans = events.changed - eventsBefore.changed;
      const seconds = (finishedAt - startedAt) / 1000;
      return {
        plans, becameDelinquent: events.delinquent - eventsBefore.delinquent, seconds: round(seconds), plansPerSecond: Math.round(plans / seconds),
        readsBefore: latencyOf(before.map((r) => r.ms)), readsDuring: readsDuring.length ? latencyOf(readsDuring.map((r) => r.ms)) : null,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await connection.end();
  }
}

/** One read after another until `done()`; each with the epoch ms it started at. */
async function readsUntil(probe: Probe, done: () => boolean): Promise<{ at: number; ms: number }[]> {
  const reads: { at: number; ms: number }[] = [];
  while (!done()) {
    const at = Date.now();
    reads.push({ at, ms: await timeRead(probe.url, probe.body, probe.expect) });
  }
  return reads;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
