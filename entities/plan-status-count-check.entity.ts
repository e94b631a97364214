import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from './column-types';

/**
 * One row per merchant whose plan status counters were reconciled: locked FOR UPDATE across a
 * reconciliation's snapshot and correction, so two reconciliations of one merchant never both correct
 * the same drift, and ordered by `checkedAt` for the worker's rotation. The row of merchant 0 (no
 * merchant has id 0) records that every merchant was reconciled once after the counters were created:
 * until it exists, plans' totalCount is counted from the plans (bounded), not read from the counters.
 */
@Entity('plan_status_count_checks')
export class PlanStatusCountCheck {
  @PrimaryColumn({ type: 'int' }) merchantId!: number;
  @Column(timestampColumn()) checkedAt!: Date;
}
