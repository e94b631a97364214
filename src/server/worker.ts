import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { WorkerLease } from '../db/worker-lease';
import type { CommandRunner } from '../services/lifecycle/command-runner';
import { runMaintenance } from '../services/lifecycle/maintenance';
import { reconcileSomeMerchants } from '../services/plan-counts/reconcile';
import type { LendingPolicy } from '../services/lending-policy';
import type { WorkerConfig } from './config';
import type { Logger } from './logger';
import { SweepStopped, workerPace } from './worker-pace';

export const MAINTENANCE_LEASE = 'maintenance';

export interface WorkerOptions {
  /** The business clock the sweep brings statuses up to (TENOR_NOW or the system clock). */
  clock: () => Date;
  /** The clock leases expire by, in epoch ms; default the system clock. Tests move it. */
  leaseClockMs?: () => number;
  /** false: no timer, the caller drives tick() (tests). */
  timer?: boolean;
  /** Identifies this process in the lease row and the logs. */
  holder?: string;
  logger: Logger;
  /** The time zone and thresholds the sweep applies. */
  policy: LendingPolicy;
  /** Wraps each sweep (the maintenance metrics); default runs it as it is. */
  timeMaintenance?: (run: () => Promise<void>) => Promise<void>;
  /** How the pause between a long sweep's batches waits (worker-pace.ts); tests record it instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Plans a plan status counter was off by, when the reconciliation corrected it (tenor_plan_status_count_drift_total). */
  countDrift?: (plans: number) => void;
}

export interface Worker {
  readonly holder: string;
  /** Renews or takes the lease, and sweeps when it holds the lease and a sweep is due. Resolves whether it swept. */
  tick(): Promise<boolean>;
  /** Waits for a running sweep, then releases the lease. */
  stop(): Promise<void>;
}

/**
 * The worker role: the maintenance sweep (statuses, expired idempotency records) and the standing
 * reconciliation of the plan status counters (src/services/plan-counts/reconcile.ts), run by one
 * instance at a time under a lease, however many workers run. It checks the lease three times per
 * lease period, so a holder that dies is replaced at most lease + lease/3 after its last renewal;
 * a sweep starts only right after a successful renewal, and takes far less than a lease period.
 */
export function startWorker(runner: CommandRunner, config: WorkerConfig, options: WorkerOptions): Worker {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clockMs = options.leaseClockMs ?? Date.now;
  const lease = new WorkerLease(runner.db, MAINTENANCE_LEASE, holder, config.leaseMs, clockMs);
  const logger = options.logger;
  let lastSweepMs = -Infinity;
  let held = false;
  /** Set when stop() is called: no sweep starts any more, and a running one ends at its next batch. */
  let stopped = false;
  let running: Promise<boolean> = Promise.resolve(false);

  const once = async (): Promise<boolean> => {
    const holds = await lease.acquire();
    if (holds !== held) logger.info({ holder, lease: MAINTENANCE_LEASE }, holds ? 'worker lease taken' : 'worker lease lost');
    held = holds;
    if (!holds || clockMs() - lastSweepMs < config.intervalMs) return false;
    const startedAt = clockMs();
    const pace = workerPace(config.dutyCycle, () => lease.acquire(), { sleep: options.sleep, stopping: () => stopped });
    const sweep = async () => {
      await runMaintenance(runner, options.clock(), options.policy, pace);
      // The standing check of the plan status counters, a few merchants per run in rotation (by the
      // wall clock: a fixed business clock would stop the rotation).
      for (const { merchantId, status, drift } of await reconcileSomeMerchants(runner, new Date(clockMs()))) {
        logger.warn({ merchantId, status, drift }, 'plan status counter drifted from the plans; corrected');
        options.countDrift?.(Math.abs(drift));
      }
    };
    try {
      await (options.timeMaintenance ? options.timeMaintenance(sweep) : sweep());
    } catch (error) {
      if (!(error instanceof SweepStopped)) throw error;
      // Each batch before committed whole; the next holder sweeps what is left.
      if (error.reason === 'lease lost') {
        held = false;
        logger.warn({ holder, lease: MAINTENANCE_LEASE }, 'worker lease lost during a sweep; the new holder continues it');
      } else {
        logger.info({ holder }, 'maintenance sweep stopped for shutdown; the next sweep continues it');
      }
      return false;
    }
    lastSweepMs = startedAt;
    logger.info({ holder, startedAt, finishedAt: clockMs() }, 'maintenance sweep');
    return true;
  };
  // Ticks never overlap: a slow sweep delays the next check instead of running beside it.
  const tick = (): Promise<boolean> => {
    running = running.then(() => (stopped ? false : once())).catch((error: unknown) => {
      logger.error({ err: error, holder }, 'maintenance failed');
      return false;
    });
    return running;
  };

  const checkEveryMs = Math.max(100, Math.min(config.intervalMs, Math.floor(config.leaseMs / 3)));
  const timer = options.timer === false ? null : setInterval(() => void tick(), checkEveryMs);
  if (timer) void tick();
  return {
    holder,
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      stopped = true;
      await running;
      if (held) await lease.release().catch((error: unknown) => logger.warn({ err: error, holder }, 'could not release the worker lease'));
    },
  };
}
