import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';

@Entity('partners')
export class Partner {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 200, unique: true }) name!: string;
  @Column(timestampColumn()) createdAt!: Date;
}
