import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn, timestampColumn } from './column-types';
import { Plan } from './plan.entity';
import type { Minor, PlanStatus } from '../src/engine';

/** Append-only audit of every change to a plan: never updated, never deleted. */
@Entity('plan_events')
@Index(['planId', 'id'])
export class PlanEvent {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) planId!: number;
  /** Declared for the foreign-key constraint; code reads `planId`. */
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planId' })
  readonly planRef?: Plan;
  @Column({ type: 'varchar', length: 32 }) type!: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromStatus!: PlanStatus | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toStatus!: PlanStatus | null;
  @Column(moneyColumn({ nullable: true, default: null })) amount!: Minor | null;
  @Column({ type: 'int', nullable: true }) apiKeyId!: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  @Column(timestampColumn()) createdAt!: Date;
}
