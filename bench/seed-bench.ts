// Recreates the benchmark database from scratch on every run: the gateway's own migrations, then
// the portfolio in multi-row INSERTs inside one transaction (seconds, where the services would take minutes).
import 'reflect-metadata';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { migrate, openDatabase } from '../src/db/data-source';
import { parseDatabaseUrl } from '../src/db/database-url';
import { businessDate } from '../src/engine';
import { backfillPlanStatusCounts } from '../src/services/plan-counts/reconcile';
import { CommandRunner } from '../src/services/lifecycle/command-runner';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { buildPortfolio, Row } from './portfolio';

const ROWS_PER_INSERT = 2_000;

export interface SeedSummary { rows: Record<string, number>; seconds: number }

export async function seedBenchDatabase(url: string, now: Date): Promise<SeedSummary> {
  const started = Date.now();
  const connection = await recreateDatabase(url);
  try {
    const tables = buildPortfolio(businessDate(now, DEFAULT_LENDING_POLICY.timeZone), now);
    await connection.beginTransaction();
    for (const [table, rows] of Object.entries(tables)) await insertAll(connection, table, rows);
    await connection.commit();
    await fillPlanStatusCounts(url, now);
    await analyzeTables(connection, [...Object.keys(tables), ...COUNTER_TABLES]);
    return {
      rows: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await connection.end();
  }
}

/**
 * Drops and recreates the database of `url` with the gateway's own migrations, and returns a
 * connection using it. A fresh database each run: scenarios write, and results must not depend on the last run.
 */
export async function recreateDatabase(url: string): Promise<mysql.Connection> {
  const connection = await openConnection(url, false);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
    const db = await openDatabase(url);
    await migrate(db);
    await db.dataSource.destroy();
    await connection.changeUser({ database: databaseName(url) });
    return connection;
  } catch (error) {
    await connection.end();
    throw error;
  }
}

function mysqlTarget(url: string) {
  const target = parseDatabaseUrl(url);
  if (target.driver !== 'mysql') throw new Error(`the bench needs a mysql:// database URL, got ${url.split(':')[0]}:`);
  return target;
}

export const databaseName = (url: string): string => mysqlTarget(url).database;

/** A connection to the MySQL server of `url`, in its database or in none; dates in UTC, as the gateway writes them. */
export async function openConnection(url: string, inDatabase: boolean): Promise<mysql.Connection> {
  const target = mysqlTarget(url);
  return mysql.createConnection({
    host: target.host, port: target.port, user: target.user, password: target.password, timezone: 'Z',
    ...(inDatabase ? { database: target.database } : {}),
  });
}

/** The tables fillPlanStatusCounts writes, for ANALYZE. */
export const COUNTER_TABLES = ['plan_status_counts', 'plan_status_count_checks'];

/**
 * The plan status counters of plans loaded without the services (which keep them in every
 * transaction): every merchant reconciled, its plans grouped by status (src/services/plan-counts/
 * reconcile.ts), and the backfill recorded, as the migrate role does for a database that had plans
 * before the counters. Plans' totalCount then reads the counters, as in production.
 */
export async function fillPlanStatusCounts(url: string, now: Date): Promise<void> {
  const db = await openDatabase(url);
  try {
    await backfillPlanStatusCounts(new CommandRunner(db), now);
  } finally {
    await db.dataSource.destroy();
  }
}

/** Fresh statistics so the optimizer plans the benchmark's queries on the real row counts. */
export async function analyzeTables(connection: mysql.Connection, tables: string[]): Promise<void> {
  await connection.query(`ANALYZE TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
}

/** Multi-row INSERTs of at most ROWS_PER_INSERT rows each. */
export async function insertAll(connection: mysql.Connection, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const values = rows.slice(start, start + ROWS_PER_INSERT).map((row) => columns.map((c) => row[c]));
    await connection.query(head, [values]);
  }
}

const ROWS_PER_LOAD = 20_000;

/**
 * The same rows as insertAll, sent as LOAD DATA LOCAL INFILE of tab-separated text, ROWS_PER_LOAD
 * rows per statement: MariaDB takes them about 1.5x faster than multi-row INSERTs, which matters
 * for the scale bench's million plans. Values are written as mysql2 would send them (timezone 'Z');
 * any warning (a value MariaDB had to adjust) fails the seed.
 */
export async function loadAll(connection: mysql.Connection, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const sql = `LOAD DATA LOCAL INFILE 'rows' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 (${columns.map((c) => `\`${c}\``).join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_LOAD) {
    const text = rows.slice(start, start + ROWS_PER_LOAD).map((row) => columns.map((c) => loadValue(row[c])).join('\t')).join('\n');
    const [result] = await connection.query<mysql.ResultSetHeader>({ sql, infileStreamFactory: () => Readable.from([Buffer.from(text, 'utf8')]) });
    if (result.warningStatus > 0) throw new Error(`LOAD DATA into ${table}: ${result.warningStatus} warning(s), e.g. ${JSON.stringify((await connection.query('SHOW WARNINGS LIMIT 3'))[0])}`);
  }
}

/** LOAD DATA's default text format: \N for NULL, backslash-escaped tab, newline and backslash. */
function loadValue(value: Row[string]): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString().slice(0, 23).replace('T', ' ');
  return String(value).replace(/[\\\t\n]/g, (ch) => (ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\\\'));
}
