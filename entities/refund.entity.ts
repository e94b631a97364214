import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, moneyColumn, timestampColumn } from './column-types';
import { Plan } from './plan.entity';
import type { CurrencyCode, Minor } from '../src/engine';

@Entity('refunds')
@Index(['planId', 'id'])
export class Refund {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) planId!: number;
  /** Declared for the foreign-key constraint; code reads `planId`. */
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planId' })
  readonly planRef?: Plan;
  @Column(moneyColumn()) amount!: Minor;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  /** Paid by the shopper beyond the new total, returned to them by this refund. */
  @Column(moneyColumn()) creditReturned!: Minor;
  @Column(moneyColumn()) merchantFeeReversed!: Minor;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column(dateColumn()) effectiveDate!: string;
  /** Order of recording among the plan's repayments and refunds: breaks ties between equal dates. */
  @Column({ type: 'int' }) ledgerSequence!: number;
  @Column(timestampColumn()) createdAt!: Date;
}
