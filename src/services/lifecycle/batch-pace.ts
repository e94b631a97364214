/**
 * Called by the maintenance sweep between two of its write batches, with how long the batch just
 * written took. The worker uses it to leave room for the API (a duty cycle) and to renew its lease,
 * so a long mass change neither starves partners' reads nor outlives the lease; it throws to end
 * the sweep early (the lease was lost, or the worker is shutting down). Tests and the seed sweep
 * without one: no pause.
 */
export type BetweenBatches = (batchMs: number) => Promise<void>;

/** Runs one write batch and says how long it took, for the pacing between batches. */
export async function timed<T>(write: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await write();
  return { result, ms: performance.now() - started };
}
