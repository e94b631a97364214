import type { BetweenBatches } from '../services/lifecycle/batch-pace';

/** The sweep was stopped because another worker holds the lease now (this one did not renew in time). */
export class LeaseLostError extends Error {
  constructor() {
    super('the maintenance lease was lost during a sweep');
  }
}

/**
 * How the worker paces a long sweep, between two write batches:
 * - a duty cycle: after a batch that took `t`, wait `t × (1 − duty) / duty`, so a mass change (half a
 *   million statuses after a missed run) takes at most `duty` of the database's and the cores' time
 *   and partners' reads keep their latency (measured in docs/performance.md, "At scale");
 * - the lease renewed before each batch, so a sweep longer than WORKER_LEASE_SECONDS keeps it, and a
 *   worker that lost it (paused past its expiry, another took over) stops instead of sweeping beside
 *   the new holder.
 * `sleep` is injected: tests pass one that records the pauses instead of waiting.
 */
export function workerPace(
  dutyCycle: number, renewLease: () => Promise<boolean>, sleep: (ms: number) => Promise<void> = delay,
): BetweenBatches {
  return async (batchMs) => {
    const pauseMs = (batchMs * (1 - dutyCycle)) / dutyCycle;
    if (pauseMs >= 1) await sleep(pauseMs);
    if (!(await renewLease())) throw new LeaseLostError();
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => {
  setTimeout(resolve, ms);
});
