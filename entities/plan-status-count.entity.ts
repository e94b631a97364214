import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PlanStatus } from '../src/engine';

/**
 * How many of a merchant's plans have one status, kept by every transaction that changes a plan's
 * status (net deltas written last, in key order: src/services/lifecycle/status-count-deltas.ts) and
 * checked against the plans by the worker's reconciliation (docs/scaling.md, "Counting a million
 * plans"). Plans' totalCount sums at most 8 rows per merchant instead of walking plan index entries.
 * `plans` is signed: a row can hold "deltas since the counters existed" before its first reconciliation.
 */
@Entity('plan_status_counts')
@Index('plan_status_counts_partner', ['partnerId', 'status', 'merchantId'])
@Index('plan_status_counts_status', ['status', 'merchantId'])
export class PlanStatusCount {
  @PrimaryColumn({ type: 'int' }) merchantId!: number;
  @PrimaryColumn({ type: 'varchar', length: 16 }) status!: PlanStatus;
  /** The merchant's partner (a merchant never changes partner): partner-scoped root lists sum by it. */
  @Column({ type: 'int' }) partnerId!: number;
  @Column({ type: 'bigint' }) plans!: number;
}
