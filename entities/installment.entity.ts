import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, moneyColumn } from './column-types';
import { Plan } from './plan.entity';
import type { InstallmentStatus } from '../src/engine';

@Entity('installments')
@Index(['planId', 'sequence'], { unique: true })
export class Installment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) planId!: number;
  /** Declared for the foreign-key constraint; code reads `planId`. */
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planId' })
  readonly planRef?: Plan;
  @Column({ type: 'int' }) sequence!: number;
  @Column(dateColumn()) dueDate!: string;
  @Column(moneyColumn()) amountDue!: number;
  @Column(moneyColumn()) principal!: number;
  @Column(moneyColumn()) interest!: number;
  @Column(moneyColumn()) amountPaid!: number;
  @Column(moneyColumn()) principalPaid!: number;
  @Column(moneyColumn()) interestPaid!: number;
  @Column({ type: 'varchar', length: 16 }) status!: InstallmentStatus;
}
