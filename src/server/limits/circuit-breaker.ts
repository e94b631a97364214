export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  cooldownMs: number;
  clockMs: () => number;
  onChange: (from: BreakerState, to: BreakerState) => void;
}

/**
 * The usual three-state circuit breaker: closed lets every call through; after `failureThreshold`
 * failures in a row it opens and lets none through; after `cooldownMs` one trial call goes through
 * (half-open) and its outcome closes or re-opens it. The caller times its calls out itself; it
 * reports each outcome with succeeded()/failed().
 * Not opossum: it opens on a failure rate over a rolling window, after 41 failures following 40 successes, not 3 (docs/dependencies.md).
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAtMs = 0;

  constructor(private readonly options: BreakerOptions) {}

  get state(): BreakerState {
    return this.current;
  }

  /** Whether to try the protected call now; true at most once per cooldown while open. */
  allows(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' && this.options.clockMs() - this.openedAtMs >= this.options.cooldownMs) {
      this.move('half-open');
      return true;
    }
    return false;
  }

  succeeded(): void {
    this.failures = 0;
    if (this.current !== 'closed') this.move('closed');
  }

  failed(): void {
    this.failures++;
    if (this.current === 'half-open' || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) this.open();
  }

  /** Opens at once (a store that did not answer at start). */
  open(): void {
    this.openedAtMs = this.options.clockMs();
    if (this.current !== 'open') this.move('open');
  }

  private move(to: BreakerState): void {
    const from = this.current;
    this.current = to;
    this.options.onChange(from, to);
  }
}
