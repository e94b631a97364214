import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 25 item 5: a plan whose captured principal is fully refunded is REFUNDED, a payoff before the
 * refund included (the engine's settledStatus). Plans refunded in full after their payoff were left
 * PAID_OFF. No status is written here: they get a status check date long past, and the first sweep
 * after the upgrade moves each one through planStatusAt with its STATUS_CHANGED event, so the status
 * counters (plan_status_counts) and the audit trail change together, as for any status change.
 */
export class RefundedAfterPayoff1796689220792 implements MigrationInterface {
  name = 'RefundedAfterPayoff1796689220792';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE \`plans\` SET \`nextStatusCheckOn\` = '1970-01-01' WHERE \`status\` = 'PAID_OFF' AND \`refundedAmount\` = \`principal\``);
  }

  /** Nothing to undo: the sweep reads a flagged plan whatever the code, and stores its true next date. */
  async down(): Promise<void> {}
}
