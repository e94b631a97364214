import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are compared byte for byte, as SQLite does: under the table's utf8mb4_unicode_ci,
 * `order-ABC` and `order-abc`, `k` and `k ` were one key, so a partner's second, different request
 * was refused as a reuse or replayed the first one's result. The binary collation must also not pad
 * (MariaDB's utf8mb4_bin ignores trailing spaces): MariaDB's nopad_bin, MySQL 8's 0900_bin.
 */
export class CaseSensitiveIdempotencyKeys1796700000000 implements MigrationInterface {
  name = 'CaseSensitiveIdempotencyKeys1796700000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ version }] = await q.query('SELECT VERSION() AS version') as { version: string }[];
    const collation = version.includes('MariaDB') ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
    await q.query(`ALTER TABLE \`idempotency_records\` MODIFY \`idempotencyKey\` varchar(255) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `idempotency_records` MODIFY `idempotencyKey` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
  }
}
