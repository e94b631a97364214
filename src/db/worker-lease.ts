import type { Database } from './data-source';

/**
 * A lease row in `worker_leases`: the holder works, every other worker waits. The holder renews it
 * well before it expires; a holder that dies stops renewing, and the first worker to try after
 * `expiresAt` takes it over. Times are epoch ms from the injected clock (the real clock in
 * production: lease expiry must not follow TENOR_NOW).
 */
export class WorkerLease {
  constructor(
    private readonly db: Database,
    readonly name: string,
    readonly holder: string,
    private readonly leaseMs: number,
    private readonly clockMs: () => number = Date.now,
  ) {}

  /** Takes the lease when it is free or expired, renews it when already held; true while this holder has it. */
  async acquire(): Promise<boolean> {
    const leases = this.db.repositories.leases;
    const now = this.clockMs();
    await leases.create(this.name);
    await leases.take(this.name, this.holder, now + this.leaseMs, now);
    return (await this.currentHolder()) === this.holder;
  }

  /** Gives the lease up at once (a clean stop), so another worker need not wait for it to expire. */
  async release(): Promise<void> {
    await this.db.repositories.leases.release(this.name, this.holder);
  }

  async currentHolder(): Promise<string | null> {
    const row = await this.db.repositories.leases.holder(this.name);
    return row && row.expiresAtMs >= this.clockMs() ? row.holder : null;
  }
}
