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
    const now = this.clockMs();
    const insert = this.db.driver === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
    await this.db.dataSource.query(`${insert} worker_leases (name, holder, expiresAt) VALUES (?, '', 0)`, [this.name]);
    // One conditional UPDATE: of two workers trying at once, the second finds the row already
    // taken (its WHERE no longer matches), whatever the isolation level.
    await this.db.dataSource.query('UPDATE worker_leases SET holder = ?, expiresAt = ? WHERE name = ? AND (holder = ? OR expiresAt < ?)',
      [this.holder, now + this.leaseMs, this.name, this.holder, now]);
    return (await this.currentHolder()) === this.holder;
  }

  /** Gives the lease up at once (a clean stop), so another worker need not wait for it to expire. */
  async release(): Promise<void> {
    await this.db.dataSource.query('UPDATE worker_leases SET expiresAt = 0 WHERE name = ? AND holder = ?', [this.name, this.holder]);
  }

  async currentHolder(): Promise<string | null> {
    const rows: { holder: string; expiresAt: number | string }[] = await this.db.dataSource.query(
      'SELECT holder, expiresAt FROM worker_leases WHERE name = ?', [this.name]);
    const row = rows[0];
    return row && Number(row.expiresAt) >= this.clockMs() ? row.holder : null;
  }
}
