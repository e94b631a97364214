import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url';

/**
 * The folder of one jest run's seed templates (see seed-template.ts): made by the global setup,
 * inherited by the workers through this variable, removed by the global teardown together with
 * the MariaDB template databases listed in it.
 */
export const TEMPLATES_ENV = 'TENOR_TEST_SEED_TEMPLATES';
const MYSQL_LIST = 'mysql-templates';

/** In memory where the machine has a tmpfs: each test file's SQLite copy is written to, and fsync is then free. */
export function openTemplateRun(): string {
  const parent = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const folder = fs.mkdtempSync(path.join(parent, 'tenor-seed-'));
  process.env[TEMPLATES_ENV] = folder;
  return folder;
}

/** Called before a MariaDB template is created, so the teardown drops it even if the run stops mid-way. */
export function recordMysqlTemplate(folder: string, database: string): void {
  fs.appendFileSync(path.join(folder, MYSQL_LIST), `${database}\n`);
}

export async function closeTemplateRun(): Promise<void> {
  const folder = process.env[TEMPLATES_ENV];
  if (!folder || !fs.existsSync(folder)) return;
  const list = path.join(folder, MYSQL_LIST);
  const databases = fs.existsSync(list) ? [...new Set(fs.readFileSync(list, 'utf8').split('\n').filter(Boolean))] : [];
  const target = databases.length > 0 && process.env.TEST_DATABASE_URL ? parseDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
  if (target?.driver === 'mysql') {
    const admin = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
    try {
      for (const database of databases) await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    } finally {
      await admin.end();
    }
  }
  fs.rmSync(folder, { recursive: true, force: true });
}
