import type { Logger } from '../logger';
import { BreakerState, CircuitBreaker } from './circuit-breaker';
import type { Throttle } from './throttle';

/** Failures in a row before the shared store is given up on, and how often it is tried again. */
export const BREAKER_FAILURES = 3;
export const BREAKER_COOLDOWN_MS = 1_000;

/**
 * A shared throttle store (Redis) with a per-process bucket as insurance, the idea of
 * rate-limiter-flexible's insuranceLimiter: whenever the store fails or is slower than its command
 * timeout, the request is throttled by this process's own bucket instead of not at all. A circuit
 * breaker stops asking a store that keeps failing, so an outage costs a request nothing and a hung
 * store one timed-out trial call per cooldown. The outage is logged when it starts and when it ends
 * (with how many requests the insurance served), never per request.
 */
export class ResilientThrottle implements Throttle {
  private readonly breaker: CircuitBreaker;
  private servedByInsurance = 0;
  private lastError: unknown;
  private outageStartedMs = 0;

  constructor(
    private readonly shared: Throttle, private readonly insurance: Throttle, private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly storeName: string, private readonly clockMs: () => number = Date.now,
    private readonly onStoreError: (error: unknown) => void = () => undefined,
  ) {
    this.breaker = new CircuitBreaker({
      failureThreshold: BREAKER_FAILURES, cooldownMs: BREAKER_COOLDOWN_MS, clockMs, onChange: (from, to) => this.report(from, to),
    });
  }

  /** The store did not answer at start: serve from the insurance until a trial call succeeds. */
  startOpen(error: unknown): void {
    this.lastError = error;
    this.onStoreError(error);
    this.breaker.open();
  }

  get state(): BreakerState {
    return this.breaker.state;
  }

  take(key: string, points: number) {
    return this.call((throttle) => throttle.take(key, points));
  }

  refund(key: string, points: number) {
    return this.call((throttle) => throttle.refund(key, points));
  }

  async close(): Promise<void> {
    await Promise.all([this.shared.close(), this.insurance.close()]);
  }

  private async call<T>(operation: (throttle: Throttle) => Promise<T>): Promise<T> {
    if (this.breaker.allows()) {
      try {
        const result = await operation(this.shared);
        this.breaker.succeeded();
        return result;
      } catch (error) {
        this.lastError = error;
        this.onStoreError(error);
        this.breaker.failed();
      }
    }
    this.servedByInsurance++;
    return operation(this.insurance);
  }

  private report(from: BreakerState, to: BreakerState): void {
    if (to === 'open' && from === 'closed') {
      this.outageStartedMs = this.clockMs();
      this.servedByInsurance = 0;
      const reason = this.lastError instanceof Error ? this.lastError.message : String(this.lastError);
      this.logger.warn({ store: this.storeName, reason },
        `${this.storeName} throttle store unavailable (${reason}); throttling with per-process buckets until it answers`);
    } else if (to === 'closed') {
      this.logger.info({ store: this.storeName, servedByInsurance: this.servedByInsurance, outageMs: this.clockMs() - this.outageStartedMs },
        `${this.storeName} throttle store answers again; ${this.servedByInsurance} calls were throttled per process during the outage`);
    }
  }
}
