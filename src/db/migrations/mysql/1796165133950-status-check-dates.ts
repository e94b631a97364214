import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * plans.nextStatusCheckOn and the indexes the maintenance sweep reads through. Existing plans whose
 * status can still change with the clock get a date long past: the first sweep after the upgrade
 * reads them in its batches and stores each plan's true date (nextStatusCheckOn in plan-view.ts).
 * SQL cannot compute that date here: it depends on TENOR_TIME_ZONE and CHARGE_OFF_AFTER_DAYS.
 */
export class StatusCheckDates1796165133950 implements MigrationInterface {
  name = 'StatusCheckDates1796165133950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`plans\` ADD \`nextStatusCheckOn\` date NULL`);
    await q.query(`UPDATE \`plans\` SET \`nextStatusCheckOn\` = '1970-01-01' WHERE \`status\` IN ('AUTHORIZED', 'ACTIVE', 'DELINQUENT')`);
    await q.query(`CREATE INDEX \`IDX_ceeac1109e155ba4fba7f791a2\` ON \`plans\` (\`nextStatusCheckOn\`, \`id\`)`);
    await q.query(`CREATE INDEX \`IDX_d1cc211bb820e0d23d8317b874\` ON \`applications\` (\`status\`, \`expiresAt\`, \`id\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_d1cc211bb820e0d23d8317b874\` ON \`applications\``);
    await q.query(`DROP INDEX \`IDX_ceeac1109e155ba4fba7f791a2\` ON \`plans\``);
    await q.query(`ALTER TABLE \`plans\` DROP COLUMN \`nextStatusCheckOn\``);
  }
}
