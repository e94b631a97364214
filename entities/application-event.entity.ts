import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';
import { Application } from './application.entity';
import type { ApplicationStatus } from '../src/engine';

/** Append-only audit of status changes of an application after its decision (expiry, cancellation). */
@Entity('application_events')
@Index(['applicationId', 'id'])
export class ApplicationEvent {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) applicationId!: number;
  /** Declared for the foreign-key constraint; code reads `applicationId`. */
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly applicationRef?: Application;
  @Column({ type: 'varchar', length: 32 }) type!: string;
  @Column({ type: 'varchar', length: 16 }) fromStatus!: ApplicationStatus;
  @Column({ type: 'varchar', length: 16 }) toStatus!: ApplicationStatus;
  @Column({ type: 'int', nullable: true }) apiKeyId!: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  @Column(timestampColumn()) createdAt!: Date;
}
