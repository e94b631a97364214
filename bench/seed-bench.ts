// Recreates the benchmark database from scratch on every run: the gateway's own migrations, then
// the portfolio in multi-row INSERTs inside one transaction (seconds, where the services would take minutes).
import 'reflect-metadata';
import mysql from 'mysql2/promise';
import { migrate, openDatabase } from '../src/db/data-source';
import { parseDatabaseUrl } from '../src/db/database-url';
import { businessDate } from '../src/services/business-date';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { buildPortfolio, Row } from './portfolio';

const ROWS_PER_INSERT = 2_000;

export interface SeedSummary { rows: Record<string, number>; seconds: number }

export async function seedBenchDatabase(url: string, now: Date): Promise<SeedSummary> {
  const started = Date.now();
  const target = parseDatabaseUrl(url);
  if (target.driver !== 'mysql') throw new Error(`BENCH_DATABASE_URL must be a mysql:// URL, got ${url.split(':')[0]}:`);
  const connection = await mysql.createConnection({
    host: target.host, port: target.port, user: target.user, password: target.password, timezone: 'Z',
  });
  try {
    // A fresh database each run: the repayment scenario writes, and results must not depend on the last run.
    await connection.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
    const db = await openDatabase(url);
    await migrate(db);
    await db.dataSource.destroy();

    await connection.query(`USE \`${target.database}\``);
    const tables = buildPortfolio(businessDate(now, DEFAULT_LENDING_POLICY.timeZone), now);
    await connection.beginTransaction();
    for (const [table, rows] of Object.entries(tables)) await insertAll(connection, table, rows);
    await connection.commit();
    // Fresh statistics so the optimizer plans the benchmark's queries on the real row counts.
    await connection.query(`ANALYZE TABLE ${Object.keys(tables).map((t) => `\`${t}\``).join(', ')}`);
    return {
      rows: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await connection.end();
  }
}

async function insertAll(connection: mysql.Connection, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const values = rows.slice(start, start + ROWS_PER_INSERT).map((row) => columns.map((c) => row[c]));
    await connection.query(head, [values]);
  }
}
