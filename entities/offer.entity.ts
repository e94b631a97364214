import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from './column-types';
import { Application } from './application.entity';
import type { Minor, ProgramKind } from '../src/engine';

/** An offer made with an application: the terms as disclosed at decision time, frozen. */
@Entity('offers')
@Index(['applicationId', 'id'])
export class Offer {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) applicationId!: number;
  /** Declared for the foreign-key constraint; code reads `applicationId`. */
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly applicationRef?: Application;
  @Index() @Column({ type: 'int' }) programId!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: ProgramKind;
  @Column({ type: 'int' }) termCount!: number;
  @Column({ type: 'int' }) aprBps!: number;
  /** The Regulation Z APR of the offer's schedule, in basis points. */
  @Column({ type: 'int' }) disclosedAprBps!: number;
  @Column({ type: 'int' }) merchantFeeBps!: number;
  @Column(moneyColumn()) amountFinanced!: Minor;
  @Column(moneyColumn()) installmentAmount!: Minor;
  @Column(moneyColumn()) financeCharge!: Minor;
  @Column(moneyColumn()) totalOfPayments!: Minor;
}
