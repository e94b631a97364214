import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, moneyColumn } from './column-types';
import { Plan } from './plan.entity';
import type { InstallmentStatus, Minor } from '../src/engine';

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
  @Column(moneyColumn()) amountDue!: Minor;
  @Column(moneyColumn()) principal!: Minor;
  @Column(moneyColumn()) interest!: Minor;
  @Column(moneyColumn()) amountPaid!: Minor;
  @Column(moneyColumn()) principalPaid!: Minor;
  @Column(moneyColumn()) interestPaid!: Minor;
  @Column({ type: 'varchar', length: 16 }) status!: InstallmentStatus;
}
