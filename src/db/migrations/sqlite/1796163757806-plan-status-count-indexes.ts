import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bounded totalCount on root plan lists filtered by status (src/db/paged-query.ts). */
export class PlanStatusCountIndexes1796163757806 implements MigrationInterface {
  name = 'PlanStatusCountIndexes1796163757806';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_96bb21dfcf785f138159ca9e69" ON "plans" ("status", "id") `);
    await q.query(`CREATE INDEX "IDX_dfc4a6c94de9b1cb504d267ec7" ON "plans" ("partnerId", "status", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dfc4a6c94de9b1cb504d267ec7"`);
    await q.query(`DROP INDEX "IDX_96bb21dfcf785f138159ca9e69"`);
  }
}
