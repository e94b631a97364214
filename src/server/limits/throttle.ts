import type { ThrottleConfig } from './limits-config';

/** What every response reports about the key's bucket (Shopify's throttleStatus). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export type ThrottleDecision =
  | { allowed: true; status: ThrottleStatus }
  | { allowed: false; status: ThrottleStatus; retryAfterSeconds: number };

/**
 * A leaky bucket of cost points per API key. `take` charges the requested cost up front (or
 * refuses it); `refund` gives back what the query did not use once its actual cost is known.
 */
export interface Throttle {
  take(key: string, points: number): Promise<ThrottleDecision>;
  refund(key: string, points: number): Promise<ThrottleStatus>;
  close(): Promise<void>;
}

export interface BucketState { points: number; atMs: number }

/** The bucket arithmetic both stores share: refill since the last change, capped at the maximum. */
export function refill(state: BucketState | undefined, config: ThrottleConfig, nowMs: number): BucketState {
  if (!state) return { points: config.bucketPoints, atMs: nowMs };
  const elapsed = Math.max(0, nowMs - state.atMs);
  return { points: Math.min(config.bucketPoints, state.points + (elapsed / 1000) * config.restorePerSecond), atMs: Math.max(nowMs, state.atMs) };
}

export const throttleStatus = (available: number, config: ThrottleConfig): ThrottleStatus => ({
  maximumAvailable: config.bucketPoints, currentlyAvailable: Math.floor(available), restoreRate: config.restorePerSecond,
});

/** Takes `cost` from `points` if there are enough; otherwise says how long until there will be. */
export function decide(points: number, cost: number, config: ThrottleConfig): ThrottleDecision {
  if (points >= cost) return { allowed: true, status: throttleStatus(points - cost, config) };
  const retryAfterSeconds = Math.max(1, Math.ceil((cost - points) / config.restorePerSecond));
  return { allowed: false, status: throttleStatus(points, config), retryAfterSeconds };
}

/** One bucket per key in this process: right for a single gateway instance. */
export class MemoryThrottle implements Throttle {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly config: ThrottleConfig, private readonly clockMs: () => number) {}

  async take(key: string, cost: number): Promise<ThrottleDecision> {
    const state = refill(this.buckets.get(key), this.config, this.clockMs());
    const decision = decide(state.points, cost, this.config);
    this.buckets.set(key, decision.allowed ? { points: state.points - cost, atMs: state.atMs } : state);
    return decision;
  }

  async refund(key: string, points: number): Promise<ThrottleStatus> {
    const state = refill(this.buckets.get(key), this.config, this.clockMs());
    const next = { points: Math.min(this.config.bucketPoints, state.points + points), atMs: state.atMs };
    this.buckets.set(key, next);
    return throttleStatus(next.points, this.config);
  }

  async close(): Promise<void> {}
}
