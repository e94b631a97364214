/**
 * Called by the maintenance sweep between two of its write batches, with how long the batch just
 * written took. The worker uses it to leave room for the API (a duty cycle) and to renew its lease,
 * so a long mass change neither starves partners' reads nor outlives the lease; it throws to end
 * the sweep early (the lease was lost, or the worker is shutting down). Tests and the seed sweep
 * without one: no pause.
 */
export type BetweenBatches = (batchMs: number) => Promise<void>;

/** Times `write` and, when there is a next batch, lets `between` pace it. */
export async function pacedBatch<T>(between: BetweenBatches | undefined, write: () => Promise<T>): Promise<{ result: T; next: () => Promise<void> }> {
  const started = performance.now();
  const result = await write();
  const batchMs = performance.now() - started;
  return { result, next: () => (between ? between(batchMs) : Promise.resolve()) };
}
