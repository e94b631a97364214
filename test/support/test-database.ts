import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url';

/**
 * A fresh database per test file: SQLite in memory by default, or, when TEST_DATABASE_URL points at
 * MySQL/MariaDB, a database named after it plus the file's tag, dropped first so every run starts empty.
 */
export async function freshDatabaseUrl(tag: string): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return 'sqlite::memory:';
  const target = parseDatabaseUrl(base);
  if (target.driver !== 'mysql') return base;
  const database = `${target.database}_${tag.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 64);
  const connection = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await connection.end();
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export const onMysql = (): boolean => Boolean(process.env.TEST_DATABASE_URL?.startsWith('mysql'));

/**
 * A fresh database that outlives one gateway or process (a restart, a second role, a process of
 * its own): the tag's MariaDB database with TEST_DATABASE_URL, otherwise a SQLite file in a new
 * temporary folder (an in-memory one would die with its connection).
 */
export async function durableDatabaseUrl(tag: string): Promise<string> {
  if (onMysql()) return freshDatabaseUrl(tag);
  return `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), `tenor-${tag}-`)), 'tenor.sqlite')}`;
}
