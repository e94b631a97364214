import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';
import { Partner } from './partner.entity';
import type { CurrencyCode } from '../src/engine';

@Entity('merchants')
@Index(['partnerId', 'id'])
export class Merchant {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) partnerId!: number;
  /** Declared for the foreign-key constraint; code reads `partnerId`. */
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnerId' })
  readonly partnerRef?: Partner;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  @Column(timestampColumn()) createdAt!: Date;
}
