import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';

/** The first result of a mutation, replayed for a retry with the same key and input. */
@Entity('idempotency_records')
@Index(['apiKeyId', 'idempotencyKey'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) apiKeyId!: number;
  @Column({ type: 'varchar', length: 255 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 64 }) operation!: string;
  /** SHA-256 of the canonical input, to tell a retry from a reuse of the key. */
  @Column({ type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'text' }) response!: string;
  @Column(timestampColumn()) createdAt!: Date;
  @Index() @Column(timestampColumn()) expiresAt!: Date;
}
