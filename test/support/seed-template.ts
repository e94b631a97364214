import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url';
import { seedDemoData } from '../../src/demo/seed';
import { openForRole } from '../../src/server/app';
import type { Config } from '../../src/server/config';
import type { LendingPolicy } from '../../src/services/lending-policy';
import { recordMysqlTemplate, TEMPLATES_ENV } from './seed-template-run';

/**
 * Why this exists: migrating and seeding at start was most of a test gateway's start (about 2 s of
 * CPU on SQLite, several seconds of round trips on MariaDB), paid again by every test file. What the
 * seed writes depends only on seedDemoData's arguments, the clock and the lending policy, so each
 * distinct pair is migrated and seeded once per jest run (the "template", built by the same
 * openForRole and seedDemoData the gateway calls) and copied into each file's own fresh database. The
 * gateway then starts as on any seeded database: its migrations are applied, so it applies none,
 * and it finds partners, so it seeds nothing; the maintenance sweep and everything after run as before.
 *
 * The run's templates live in the folder of TENOR_TEST_SEED_TEMPLATES (seed-template-run.ts, made by
 * jest's global setup). Without it, as in a run that has no global setup, every start seeds its own.
 */

/**
 * `config` with its database replaced by a copy of the seeded template, when the gateway would seed
 * it as the template was: the demo seed is on, and the database is the fresh one the harness made
 * (`fresh`, from freshDatabaseUrl), not one the test named. Otherwise, or when the run keeps no
 * templates, `config` as it is. `seedNow` is the gateway's clock at start, which the seed is dated by.
 */
export async function onSeededCopy(config: Config, fresh: { url: string; tag: string; seedNow: Date }): Promise<Config> {
  const folder = process.env[TEMPLATES_ENV];
  if (!folder || !config.seedDemoData || config.databaseUrl !== fresh.url) return config;
  const target = parseDatabaseUrl(config.databaseUrl);
  const key = templateKey(folder, target.driver, fresh.seedNow, config);
  if (target.driver === 'sqlite') {
    if (target.file !== ':memory:') return config;
    return { ...config, databaseUrl: `sqlite:${await sqliteCopy(folder, key, fresh.tag, config, fresh.seedNow)}` };
  }
  await mysqlCopy(folder, config, key, fresh.seedNow);
  return config;
}

/** Everything the seed reads (the signature of seedDemoData), and the run, so a template never outlives its code. */
function templateKey(folder: string, driver: string, seedNow: Date, policy: LendingPolicy): string {
  const seedInputs = {
    driver, now: seedNow.toISOString(), timeZone: policy.timeZone, chargeOffAfterDays: policy.chargeOffAfterDays,
    exposureLimits: policy.exposureLimits,
  };
  return createHash('sha256').update(folder).update(JSON.stringify(seedInputs)).digest('hex').slice(0, 16);
}

async function buildTemplate(config: Config, seedNow: Date): Promise<void> {
  const db = await openForRole(config, 'all-in-one');
  try {
    await seedDemoData(db, seedNow, config);
  } finally {
    await db.dataSource.destroy();
  }
}

let copies = 0;

/** Returns the path of a new copy of the template file, building the template first if this run has none yet. */
async function sqliteCopy(folder: string, key: string, tag: string, config: Config, seedNow: Date): Promise<string> {
  const template = path.join(folder, `${key}.sqlite`);
  if (!fs.existsSync(template)) {
    // Two workers may build the same template at once; each renames its own complete file into place.
    const building = path.join(folder, `${key}.${process.pid}.building.sqlite`);
    await buildTemplate({ ...config, databaseUrl: `sqlite:${building}` }, seedNow);
    // Closing the last connection checkpoints the WAL into the file; a WAL left beside it would hold rows the copy lacks.
    if (fs.existsSync(`${building}-wal`)) throw new Error(`seed template ${building} kept a WAL after closing; copying it would lose rows`);
    fs.renameSync(building, template);
  }
  const copy = path.join(folder, `${tag.replace(/[^A-Za-z0-9_]/g, '_')}.${process.pid}.${++copies}.sqlite`);
  fs.copyFileSync(template, copy);
  return copy;
}

/**
 * Fills the (just dropped) database of `config` with the template's tables and rows: the CREATE TABLE
 * that MariaDB itself reports for each table (keys, foreign keys, AUTO_INCREMENT), then its rows.
 */
async function mysqlCopy(folder: string, config: Config, key: string, seedNow: Date): Promise<void> {
  const target = parseDatabaseUrl(config.databaseUrl) as Extract<ReturnType<typeof parseDatabaseUrl>, { driver: 'mysql' }>;
  const base = parseDatabaseUrl(process.env.TEST_DATABASE_URL ?? config.databaseUrl) as typeof target;
  // Named after TEST_DATABASE_URL's database, so the run's databases share their prefix; 63 characters at most.
  const template = `${base.database.slice(0, 40)}__seed_${key}`;
  const admin = await mysql.createConnection({
    host: target.host, port: target.port, user: target.user, password: target.password, multipleStatements: true,
  });
  try {
    await ensureMysqlTemplate(admin, folder, template, config, seedNow);
    const [schemata] = await admin.query<mysql.RowDataPacket[]>(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [template]);
    const [tables] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [template]);
    const statements = [
      `CREATE DATABASE \`${target.database}\` CHARACTER SET ${schemata[0].charset} COLLATE ${schemata[0].collation}`,
      `USE \`${target.database}\``, 'SET SESSION FOREIGN_KEY_CHECKS = 0',
    ];
    for (const { name } of tables) {
      const [[created]] = await admin.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${template}\`.\`${name}\``);
      statements.push(created['Create Table'] as string, `INSERT INTO \`${name}\` SELECT * FROM \`${template}\`.\`${name}\``);
    }
    await admin.query(`${statements.join(';\n')};`);
  } finally {
    await admin.end();
  }
}

/** Builds the template database once per run: the first worker to ask builds it under a named lock, the others wait for it. */
async function ensureMysqlTemplate(admin: mysql.Connection, folder: string, template: string, config: Config, seedNow: Date): Promise<void> {
  const [[lock]] = await admin.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, 600) AS got', [template]);
  if (lock.got !== 1) throw new Error(`could not take the lock that builds seed template ${template}`);
  try {
    const [found] = await admin.query<mysql.RowDataPacket[]>('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [template]);
    if (found.length > 0) return;
    recordMysqlTemplate(folder, template);
    const url = new URL(config.databaseUrl);
    url.pathname = `/${template}`;
    try {
      await buildTemplate({ ...config, databaseUrl: url.toString() }, seedNow);
    } catch (error) {
      // Its existence is what says "ready": a half-built template must not stay.
      await admin.query(`DROP DATABASE IF EXISTS \`${template}\``);
      throw error;
    }
  } finally {
    await admin.query('SELECT RELEASE_LOCK(?)', [template]);
  }
}
