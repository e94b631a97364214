import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Minor } from '../src/engine';
import { moneyColumn } from './column-types';
import { Repayment } from './repayment.entity';
import { Installment } from './installment.entity';

/** The part of a repayment that went to one installment. Rewritten when an earlier payment is reversed. */
@Entity('repayment_allocations')
@Index(['repaymentId', 'id'])
export class RepaymentAllocation {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ type: 'int' }) planId!: number;
  @Column({ type: 'int' }) repaymentId!: number;
  /** Declared for the foreign-key constraint; code reads `repaymentId`. */
  @ManyToOne(() => Repayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'repaymentId' })
  readonly repaymentRef?: Repayment;
  @Index() @Column({ type: 'int' }) installmentId!: number;
  /** Declared for the foreign-key constraint; code reads `installmentId`. */
  @ManyToOne(() => Installment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installmentId' })
  readonly installmentRef?: Installment;
  @Column({ type: 'int' }) sequence!: number;
  @Column(moneyColumn()) principal!: Minor;
  @Column(moneyColumn()) interest!: Minor;
}
