import { MigrationInterface, QueryRunner } from 'typeorm';

/** See the MySQL migration of the same name: the same column, backfill and indexes. */
export class StatusCheckDates1796165129817 implements MigrationInterface {
  name = 'StatusCheckDates1796165129817';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plans" ADD COLUMN "nextStatusCheckOn" date`);
    await q.query(`UPDATE "plans" SET "nextStatusCheckOn" = '1970-01-01' WHERE "status" IN ('AUTHORIZED', 'ACTIVE', 'DELINQUENT')`);
    await q.query(`CREATE INDEX "IDX_ceeac1109e155ba4fba7f791a2" ON "plans" ("nextStatusCheckOn", "id") `);
    await q.query(`CREATE INDEX "IDX_d1cc211bb820e0d23d8317b874" ON "applications" ("status", "expiresAt", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_d1cc211bb820e0d23d8317b874"`);
    await q.query(`DROP INDEX "IDX_ceeac1109e155ba4fba7f791a2"`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "nextStatusCheckOn"`);
  }
}
