import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { moneyColumn, timestampColumn } from './column-types';
import { Merchant } from './merchant.entity';

import type { ApplicationStatus, CurrencyCode, Minor } from '../src/engine';

@Entity('applications')
@Index(['merchantId', 'id'])
@Index(['merchantId', 'status', 'id'])
@Index(['partnerId', 'applicantEmail'])
// Exposure and the delinquency check look an applicant up across every partner.
@Index(['applicantEmail', 'status'])
// The maintenance sweep reads approved applications past their expiry, and only those.
@Index(['status', 'expiresAt', 'id'])
export class Application {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) partnerId!: number;
  @Column({ type: 'int' }) merchantId!: number;
  /** Declared for the foreign-key constraint; code reads `merchantId`. */
  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchantId' })
  readonly merchantRef?: Merchant;
  @Column(moneyColumn()) amount!: Minor;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  /** As decided, then moved by use cases (acceptOffer, cancelApplication) and the sweep (EXPIRED). */
  @Column({ type: 'varchar', length: 16 }) status!: ApplicationStatus;
  @Column({ type: 'varchar', length: 48, nullable: true }) declineReason!: string | null;
  @Column({ type: 'varchar', length: 100 }) applicantFirstName!: string;
  @Column({ type: 'varchar', length: 100 }) applicantLastName!: string;
  @Column({ type: 'varchar', length: 254 }) applicantEmail!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) applicantPhone!: string | null;
  @Column({ type: 'int', nullable: true }) applicantCreditScore!: number | null;
  @Column(timestampColumn()) createdAt!: Date;
  @Column(timestampColumn()) expiresAt!: Date;
  @VersionColumn() version!: number;
}
