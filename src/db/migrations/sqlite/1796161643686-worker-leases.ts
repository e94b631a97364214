import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per kind of background work: which worker holds it and until when (epoch ms). */
export class WorkerLeases1796161643686 implements MigrationInterface {
  name = 'WorkerLeases1796161643686';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE "worker_leases" ("name" varchar(64) PRIMARY KEY NOT NULL, "holder" varchar(128) NOT NULL, "expiresAt" bigint NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "worker_leases"');
  }
}
