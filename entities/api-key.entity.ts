import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';
import { Partner } from './partner.entity';

export type Role = 'PARTNER' | 'ANALYST' | 'ADMIN';

/** An API key. Only its SHA-256 is stored; the plain key is shown once when it is issued. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ type: 'int', nullable: true }) partnerId!: number | null;
  /** Declared for the foreign-key constraint; code reads `partnerId`. */
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'partnerId' })
  readonly partnerRef?: Partner;
  @Column({ type: 'varchar', length: 16 }) role!: Role;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** The first characters of the key (e.g. `tnr_live_AbC1`), so people can tell keys apart. */
  @Column({ type: 'varchar', length: 32 }) displayPrefix!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) keyHash!: string;
  @Column(timestampColumn()) createdAt!: Date;
  @Column(timestampColumn({ nullable: true })) lastUsedAt!: Date | null;
  @Column(timestampColumn({ nullable: true })) revokedAt!: Date | null;
}
