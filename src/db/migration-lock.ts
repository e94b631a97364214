import { MigrationExecutor } from 'typeorm';
import type { Database } from './data-source';
import { MigrationLockRepository } from './repositories/migration-lock.repository';
import { MysqlConnections } from './sql/mysql-connections';
import { StatementRunner } from './sql/statement-runner';

/** Waits this long for another `migrate` to finish before giving up (a large migration can take minutes). */
const LOCK_WAIT_SECONDS = 600;

/**
 * Applies pending migrations once, even when several `migrate` processes (a Job retried, two
 * deploys) start together. TypeORM's own run is not safe concurrently on MySQL: each reads the
 * `migrations` table, finds the same migrations pending and applies them twice. So the run holds
 * a row lock first: `tenor_migration_lock` (one row, created here because it must exist before
 * any migration) is locked FOR UPDATE on a connection of its own — opened beside the pool, so a
 * pool of one (DATABASE_POOL_SIZE=1) still has its connection for the migrations — whose transaction
 * stays open until the run ends. A second process waits on that row and then finds nothing pending. The row
 * lock ends with its session, so a migrate killed mid-run does not leave the lock held. On SQLite
 * the database is one local file of one process (production refuses it); migrations run as they are.
 * Returns the names of the migrations this process applied.
 */
export async function migrateUnderLock(db: Database): Promise<string[]> {
  if (!(db.connections instanceof MysqlConnections)) return applyPending(db);
  const session = await db.connections.dedicated();
  try {
    const lock = new MigrationLockRepository(new StatementRunner(db.tables, session.target, db.observers, null));
    await lock.create();
    await lock.hold(LOCK_WAIT_SECONDS);
    try {
      return await applyPending(db);
    } finally {
      await lock.release().catch(() => undefined);
    }
  } finally {
    // Ending the session ends its transaction, and with it the lock.
    await session.close();
  }
}

async function applyPending(db: Database): Promise<string[]> {
  const applied = await db.dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Names of the migrations this build has that the database has not applied yet. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const executor = new MigrationExecutor(db.dataSource);
  return (await executor.getPendingMigrations()).map((migration) => migration.name);
}

export class MigrationsPendingError extends Error {
  readonly code = 'MIGRATIONS_PENDING';
  constructor(readonly pending: string[]) {
    super(`the database is missing ${pending.length} migration(s) of this release (${pending.join(', ')}): `
      + 'run `npm run migrate` (in Kubernetes the tenor-migrate Job) before starting serve');
  }
}
