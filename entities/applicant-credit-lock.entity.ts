import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from './column-types';

/**
 * One row per applicant (normalized email), locked by every credit decision about them on MySQL (an
 * upsert, ApplicantRepository.lock), so two decisions for one shopper never both see the exposure
 * before the other. A row lock rather than GET_LOCK: distributed MySQL engines restrict named locks,
 * and this one ends with the transaction whatever happens to the connection.
 */
@Entity('applicant_credit_locks')
export class ApplicantCreditLock {
  @PrimaryColumn({ type: 'varchar', length: 254 }) email!: string;
  @Column(timestampColumn()) createdAt!: Date;
}
