import { MigrationInterface, QueryRunner } from 'typeorm';

/** See the MySQL migration of the same name: paid-off plans refunded in full flagged for the sweep. */
export class RefundedAfterPayoff1796689220792 implements MigrationInterface {
  name = 'RefundedAfterPayoff1796689220792';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "plans" SET "nextStatusCheckOn" = '1970-01-01' WHERE "status" = 'PAID_OFF' AND "refundedAmount" = "principal"`);
  }

  async down(): Promise<void> {}
}
