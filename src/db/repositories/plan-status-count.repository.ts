import { PlanStatusCount, PlanStatusCountCheck } from '../../../entities';
import type { PlanStatus } from '../../engine';
import type { Dialect } from '../sql/dialect';
import { withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { TableNames } from '../tables';

/** The merchant id of the row of plan_status_count_checks that says "every merchant was reconciled once". */
export const BACKFILL_MARKER = 0;

const statements = ({ planStatusCounts: c, planStatusCountChecks: k, plans: p, merchants: m }: TableNames, dialect: Dialect) => ({
  // A relative change: concurrent transactions add their deltas to the same row without reading it first.
  // One statement for all of a transaction's rows, `VALUES (...)` repeated per row: InnoDB takes the
  // rows' locks in the order they are listed.
  add: (rows: number) => `INSERT INTO ${c} (${c.merchantId}, ${c.status}, ${c.partnerId}, ${c.plans}) VALUES `
    + `${Array(rows).fill('(?, ?, ?, ?)').join(', ')}${dialect.onConflictAdd([c.merchantId, c.status], c.plans)}`,
  // Reads: <= 8 rows per merchant through the primary key, one per merchant through the other two indexes.
  ofMerchants: withList(`SELECT ${c.merchantId} AS merchantId, SUM(${c.plans}) AS n FROM ${c} WHERE ${c.merchantId} IN (...) GROUP BY ${c.merchantId}`),
  ofMerchantsInStatus: withList(`SELECT ${c.merchantId} AS merchantId, SUM(${c.plans}) AS n FROM ${c} `
    + `WHERE ${c.merchantId} IN (...) AND ${c.status} = ? GROUP BY ${c.merchantId}`),
  ofPartner: `SELECT SUM(${c.plans}) AS n FROM ${c} WHERE ${c.partnerId} = ?`,
  ofPartnerInStatus: `SELECT SUM(${c.plans}) AS n FROM ${c} WHERE ${c.partnerId} = ? AND ${c.status} = ?`,
  all: `SELECT SUM(${c.plans}) AS n FROM ${c}`,
  allInStatus: `SELECT SUM(${c.plans}) AS n FROM ${c} WHERE ${c.status} = ?`,
  // Reconciliation: the merchant's counters and its plans counted through (merchantId, status, id).
  // ONE statement, so one read view on MySQL (READ COMMITTED gives each statement its own): the plans
  // and the counters of the same moment, without REPEATABLE READ and without share-locking a plan.
  snapshot: `SELECT 'plans' AS source, ${p.status} AS status, COUNT(*) AS n FROM ${p} WHERE ${p.merchantId} = ? GROUP BY ${p.status} `
    + `UNION ALL SELECT 'counters' AS source, ${c.status} AS status, ${c.plans} AS n FROM ${c} WHERE ${c.merchantId} = ?`,
  partnerOf: `SELECT ${m.partnerId} AS partnerId FROM ${m} WHERE ${m.id} = ?`,
  createCheck: dialect.insertUnlessExists(`${k}`, [k.merchantId, k.checkedAt], [k.merchantId]),
  lockCheck: `SELECT ${k.merchantId} FROM ${k} WHERE ${k.merchantId} = ?${dialect.forUpdate}`,
  markChecked: `UPDATE ${k} SET ${k.checkedAt} = ? WHERE ${k.merchantId} = ?`,
  // The rotation: never-checked merchants first (NULL sorts first on both drivers), then the longest unchecked.
  nextToCheck: `SELECT m.${m.id} AS id FROM ${m} m LEFT JOIN ${k} k ON k.${k.merchantId} = m.${m.id} `
    + `ORDER BY k.${k.checkedAt}, m.${m.id} LIMIT ?`,
  merchantsAfter: `SELECT ${m.id} AS id FROM ${m} WHERE ${m.id} > ? ORDER BY ${m.id} LIMIT ?`,
  backfilled: `SELECT 1 AS one FROM ${k} WHERE ${k.merchantId} = ${BACKFILL_MARKER}`,
  allCounters: `SELECT * FROM ${c}`,
  rebuildCounts: `SELECT ${p.merchantId} AS merchantId, ${p.partnerId} AS partnerId, ${p.status} AS status, COUNT(*) AS n FROM ${p} `
    + `GROUP BY ${p.merchantId}, ${p.partnerId}, ${p.status}`,
});

/** One counter change: `plans` added to the (merchant, status) row. */
export interface StatusCountDelta { merchantId: number; partnerId: number; status: PlanStatus; plans: number }

/** How many plans of one merchant have each status (a status missing: none). */
export type CountsByStatus = Map<PlanStatus, number>;

/**
 * Whether this data source's counters are exact (the backfill marker exists), remembered once true;
 * while false, asked again at most every `recheckMs` (by the injected clock), so reads fall back to
 * bounded counts without a statement per request.
 */
export class CounterReadiness {
  private ready = false;
  private checkedAtMs = -Infinity;

  constructor(private readonly clockMs: () => number = Date.now, private readonly recheckMs = 5_000) {}

  async isReady(ask: () => Promise<boolean>): Promise<boolean> {
    if (this.ready || this.clockMs() - this.checkedAtMs < this.recheckMs) return this.ready;
    this.checkedAtMs = this.clockMs();
    // A replica that has not replicated the migration yet has no such table: not ready.
    this.ready = await ask().catch(() => false);
    return this.ready;
  }

  /** Forgets a "not ready" so the next read asks again (after the backfill in this process). */
  reset(): void {
    this.checkedAtMs = -Infinity;
  }
}

const toNumber = (value: number | string | null | undefined): number => Number(value ?? 0);

/**
 * Plan status counters (plan_status_counts): one row per merchant and status, changed by relative
 * upserts only, so writers never read a counter and never lose each other's deltas; and the rows of
 * plan_status_count_checks that serialize reconciliations and order their rotation.
 */
export class PlanStatusCountRepository {
  private readonly s = this.sql.tables.statements(statements);
  private readonly counts = this.sql.tables.of(PlanStatusCount);
  private readonly checks = this.sql.tables.of(PlanStatusCountCheck);

  constructor(private readonly sql: StatementRunner, private readonly readiness: CounterReadiness | null = null) {}

  /**
   * Adds each delta (non-zero: statusCountDeltas and the reconciliation drop the others) to its row in
   * one upsert, rows in (merchantId, status) order: every transaction
   * takes counter locks in that one order, last, after its plan locks, so counters add no deadlock.
   */
  async add(deltas: readonly StatusCountDelta[]): Promise<void> {
    const sorted = [...deltas].sort((x, y) => x.merchantId - y.merchantId || (x.status < y.status ? -1 : x.status > y.status ? 1 : 0));
    if (sorted.length === 0) return;
    await this.sql.write(this.s.add(sorted.length), sorted.flatMap((d) => [d.merchantId, d.status, d.partnerId, d.plans]));
  }

  /** Whether plans' totalCount may be read from the counters (the backfill completed); no statement once it has. */
  exact(): Promise<boolean> {
    return this.readiness ? this.readiness.isReady(() => this.backfilled()) : this.backfilled();
  }

  /** Each merchant's plans, of one status or all: one statement for the batch, <= 8 rows per merchant. */
  async ofMerchants(merchantIds: readonly number[], status: PlanStatus | null): Promise<number[]> {
    if (merchantIds.length === 0) return [];
    const rows = await this.sql.values<{ merchantId: number | string; n: number | string }>(
      status === null ? this.s.ofMerchants(merchantIds) : this.s.ofMerchantsInStatus(merchantIds),
      status === null ? merchantIds : [...merchantIds, status]);
    const byMerchant = new Map(rows.map((row) => [Number(row.merchantId), toNumber(row.n)]));
    return merchantIds.map((id) => byMerchant.get(id) ?? 0);
  }

  /** A partner's plans (null: every partner's), of one status or all: one row per merchant summed. */
  async total(partnerId: number | null, status: PlanStatus | null): Promise<number> {
    const [sql, params] = partnerId === null
      ? status === null ? [this.s.all, []] : [this.s.allInStatus, [status]]
      : status === null ? [this.s.ofPartner, [partnerId]] : [this.s.ofPartnerInStatus, [partnerId, status]];
    const [row] = await this.sql.values<{ n: number | string | null }>(sql, params);
    return toNumber(row?.n);
  }

  /**
   * The merchant's plans counted per status (through (merchantId, status, id): walks its index entries)
   * and its counters, as of one moment: a reconciliation's snapshot.
   */
  async snapshot(merchantId: number): Promise<{ plans: CountsByStatus; counters: CountsByStatus }> {
    const rows = await this.sql.values<{ source: string; status: PlanStatus; n: number | string }>(this.s.snapshot, [merchantId, merchantId]);
    const plans: CountsByStatus = new Map();
    const counters: CountsByStatus = new Map();
    for (const row of rows) (row.source === 'plans' ? plans : counters).set(row.status, toNumber(row.n));
    return { plans, counters };
  }

  async partnerOf(merchantId: number): Promise<number | null> {
    const [row] = await this.sql.values<{ partnerId: number | string }>(this.s.partnerOf, [merchantId]);
    return row ? Number(row.partnerId) : null;
  }

  /** Makes sure the merchant's reconciliation row exists (autocommitted, before the transaction that locks it). */
  async createCheck(merchantId: number): Promise<void> {
    await this.sql.write(this.s.createCheck, [merchantId, this.checks.persist('checkedAt', new Date(0))]);
  }

  /** Holds the merchant's reconciliation row until the transaction ends (MySQL; SQLite serializes writes). */
  async lockCheck(merchantId: number): Promise<void> {
    await this.sql.values(this.s.lockCheck, [merchantId]);
  }

  async markChecked(merchantId: number, now: Date): Promise<void> {
    await this.sql.write(this.s.markChecked, [this.checks.persist('checkedAt', now), merchantId]);
  }

  /** The next `limit` merchants of the rotation: never checked first, then the longest since their check. */
  async nextToCheck(limit: number): Promise<number[]> {
    const rows = await this.sql.values<{ id: number | string }>(this.s.nextToCheck, [limit]);
    return rows.map((row) => Number(row.id));
  }

  /** Merchant ids after `afterId`, in id order (the backfill walks every merchant). */
  async merchantsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.sql.values<{ id: number | string }>(this.s.merchantsAfter, [afterId, limit]);
    return rows.map((row) => Number(row.id));
  }

  async backfilled(): Promise<boolean> {
    return (await this.sql.values(this.s.backfilled, [])).length > 0;
  }

  /** Records that every merchant was reconciled once: from now on plans' totalCount reads the counters. */
  async markBackfilled(now: Date): Promise<void> {
    await this.createCheck(BACKFILL_MARKER);
    await this.markChecked(BACKFILL_MARKER, now);
    this.readiness?.reset();
  }

  /** Every (merchant, partner, status) count of the plans: the check of the test suites (and nothing on a request's path). */
  async plansGrouped(): Promise<StatusCountDelta[]> {
    const rows = await this.sql.values<{ merchantId: number | string; partnerId: number | string; status: PlanStatus; n: number | string }>(
      this.s.rebuildCounts, []);
    return rows.map((row) => ({ merchantId: Number(row.merchantId), partnerId: Number(row.partnerId), status: row.status, plans: toNumber(row.n) }));
  }

  /** Every counter row. */
  allCounters(): Promise<PlanStatusCount[]> {
    return this.sql.rows(this.counts, this.s.allCounters, []);
  }
}
