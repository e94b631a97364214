import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan status counters (docs/scaling.md, "Counting a million plans"): created empty; the migrate role
 * fills them by reconciling every merchant (src/services/plan-counts/reconcile.ts), never by INSERT … SELECT.
 */
export class PlanStatusCounts1796192396933 implements MigrationInterface {
  name = 'PlanStatusCounts1796192396933';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "plan_status_count_checks" ("merchantId" integer PRIMARY KEY NOT NULL, "checkedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE TABLE "plan_status_counts" ("merchantId" integer NOT NULL, "status" varchar(16) NOT NULL, "partnerId" integer NOT NULL, "plans" bigint NOT NULL, PRIMARY KEY ("merchantId", "status"))`);
    await q.query(`CREATE INDEX "plan_status_counts_status" ON "plan_status_counts" ("status", "merchantId") `);
    await q.query(`CREATE INDEX "plan_status_counts_partner" ON "plan_status_counts" ("partnerId", "status", "merchantId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "plan_status_counts_partner"`);
    await q.query(`DROP INDEX "plan_status_counts_status"`);
    await q.query(`DROP TABLE "plan_status_counts"`);
    await q.query(`DROP TABLE "plan_status_count_checks"`);
  }
}
