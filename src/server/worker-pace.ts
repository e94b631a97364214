import type { BetweenBatches } from '../services/lifecycle/batch-pace';

/** The sweep ended between two batches: the lease went to another worker, or this one is shutting down. */
export class SweepStopped extends Error {
  constructor(readonly reason: 'lease lost' | 'shutting down') {
    super(`the maintenance sweep stopped between batches: ${reason}`);
  }
}

/**
 * How the worker paces a long sweep, between two write batches:
 * - a duty cycle: after a batch that took `t`, wait `t × (1 − duty) / duty`, so a mass change (half a
 *   million statuses after a missed run) takes at most `duty` of the database's and the cores' time
 *   and partners' reads keep their latency (measured in docs/performance.md, "At scale");
 * - the lease renewed before each batch, so a sweep longer than WORKER_LEASE_SECONDS keeps it, and a
 *   worker that lost it (paused past its expiry, another took over) stops instead of sweeping beside
 *   the new holder;
 * - a worker shutting down stops at the next batch instead of finishing a sweep of minutes past its
 *   grace period. Every batch before commits whole; the next holder continues.
 * `sleep` is injected: tests pass one that records the pauses instead of waiting.
 */
export function workerPace(
  dutyCycle: number, renewLease: () => Promise<boolean>,
  options: { sleep?: (ms: number) => Promise<void>; stopping?: () => boolean } = {},
): BetweenBatches {
  const { sleep = delay, stopping = () => false } = options;
  return async (batchMs) => {
    if (stopping()) throw new SweepStopped('shutting down');
    const pauseMs = (batchMs * (1 - dutyCycle)) / dutyCycle;
    if (pauseMs >= 1) await sleep(pauseMs);
    if (stopping()) throw new SweepStopped('shutting down');
    if (!(await renewLease())) throw new SweepStopped('lease lost');
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => {
  setTimeout(resolve, ms);
});
