import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn, timestampColumn } from './column-types';
import { Merchant } from './merchant.entity';

import type { CurrencyCode, Minor, ProgramKind } from '../src/engine';

@Entity('financing_programs')
@Index(['merchantId', 'id'])
export class FinancingProgram {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) merchantId!: number;
  /** Declared for the foreign-key constraint; code reads `merchantId`. */
  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchantId' })
  readonly merchantRef?: Merchant;
  @Index() @Column({ type: 'int' }) partnerId!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: ProgramKind;
  @Column({ type: 'int' }) termCount!: number;
  /** APR in basis points: 1500 is 15.00%. */
  @Column({ type: 'int' }) aprBps!: number;
  /** Merchant discount rate in basis points of the captured amount. */
  @Column({ type: 'int' }) merchantFeeBps!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: CurrencyCode;
  @Column(moneyColumn()) minAmount!: Minor;
  @Column(moneyColumn()) maxAmount!: Minor;
  @Column(timestampColumn()) createdAt!: Date;
  @Column(timestampColumn({ nullable: true })) retiredAt!: Date | null;
}
