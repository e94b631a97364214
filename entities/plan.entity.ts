import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { dateColumn, moneyColumn, timestampColumn } from './column-types';
import { Merchant } from './merchant.entity';
import { Application } from './application.entity';
import type { CurrencyCode, Minor, PlanStatus, ProgramKind } from '../src/engine';

@Entity('plans')
@Index(['merchantId', 'id'])
@Index(['merchantId', 'status', 'id'])
@Index(['partnerId', 'id'])
// Root plan lists filtered by status (a partner's, or everyone's for analysts): a bounded totalCount
// reads these index entries only, however rare the status (src/db/entity-reads.ts count).
@Index(['partnerId', 'status', 'id'])
@Index(['status', 'id'])
// The maintenance sweep reads only the plans due for a status check, in keyset order.
@Index(['nextStatusCheckOn', 'id'])
export class Plan {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) partnerId!: number;
  @Column({ type: 'int' }) merchantId!: number;
  /** Declared for the foreign-key constraint; code reads `merchantId`. */
  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchantId' })
  readonly merchantRef?: Merchant;
  @Index({ unique: true }) @Column({ type: 'int' }) applicationId!: number;
  /** Declared for the foreign-key constraint; code reads `applicationId`. */
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly applicationRef?: Application;
  @Column({ type: 'int' }) offerId!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: ProgramKind;
  @Column({ type: 'int' }) termCount!: number;
  @Column({ type: 'int' }) aprBps!: number;
  @Column({ type: 'int' }) disclosedAprBps!: number;
  @Column({ type: 'int' }) merchantFeeBps!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  @Column(moneyColumn()) authorizedAmount!: Minor;
  /** Captured principal: the amount financed once the goods ship. */
  @Column(moneyColumn()) principal!: Minor;
  @Column(moneyColumn()) refundedAmount!: Minor;
  @Column(moneyColumn()) merchantFee!: Minor;
  @Column({ type: 'varchar', length: 16 }) status!: PlanStatus;
  @Column(dateColumn({ nullable: true })) capturedOn!: string | null;
  @Column(timestampColumn()) authorizationExpiresAt!: Date;
  /** When the maintenance sweep charged the plan off; payments recorded after it are recoveries. */
  @Column(timestampColumn({ nullable: true })) chargedOffAt!: Date | null;
  /**
   * The first business date on which planStatusAt may say something else than `status`
   * (nextStatusCheckOn in plan-view.ts), kept by every write of the plan; null for a terminal status.
   */
  @Column(dateColumn({ nullable: true })) nextStatusCheckOn!: string | null;
  @Column(timestampColumn()) createdAt!: Date;
  @Column(timestampColumn()) updatedAt!: Date;
  @VersionColumn() version!: number;
}
