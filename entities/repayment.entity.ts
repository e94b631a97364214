import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, moneyColumn, timestampColumn } from './column-types';
import { Plan } from './plan.entity';

import type { CurrencyCode, Minor, RepaymentStatus } from '../src/engine';

@Entity('repayments')
@Index(['planId', 'id'])
export class Repayment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) planId!: number;
  /** Declared for the foreign-key constraint; code reads `planId`. */
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planId' })
  readonly planRef?: Plan;
  @Column(moneyColumn()) amount!: Minor;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'varchar', length: 16 }) status!: RepaymentStatus;
  @Column(dateColumn()) effectiveDate!: string;
  /** Order of recording among the plan's repayments and refunds: breaks ties between equal dates. */
  @Column({ type: 'int' }) ledgerSequence!: number;
  @Column(timestampColumn()) createdAt!: Date;
  @Column(timestampColumn({ nullable: true })) reversedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reversalReason!: string | null;
}
