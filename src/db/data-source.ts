import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { ALL_ENTITIES } from '../../entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { DatabaseTarget, parseDatabaseUrl } from './database-url';
import { Repositories } from './repositories';
import { CounterReadiness } from './repositories/plan-status-count.repository';
import { Sql } from './sql';
import { outsideTransactions } from './statements';
import { Tables } from './tables';
import { applyDatabaseTimeouts, DatabaseTimeouts } from './timeouts';
import { WriteSerializer } from './write-serializer';

export interface Database {
  dataSource: DataSource;
  driver: DatabaseTarget['driver'];
  writes: WriteSerializer;
  /** Its entities' tables, checked against the entity metadata when it opened. */
  tables: Tables;
  /** The repositories outside transactions: each statement on a pooled connection (transactions: src/db/transaction.ts). */
  repositories: Repositories;
}

export interface OpenOptions {
  /** Sees every statement; tests and the benchmark count SQL with it. */
  logger?: Logger;
  /** MySQL connection pool size. */
  poolSize?: number;
  /** A read replica is opened as it is: it is read-only, and its database comes from the primary. */
  replica?: boolean;
}

/** Opens the database named by the URL, creating a MySQL database or SQLite folder if missing. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (target.driver === 'mysql' && !options.replica) await createMysqlDatabaseIfMissing(target);
  if (target.driver === 'sqlite' && target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const dataSource = new DataSource(dataSourceOptions(target, options));
  await dataSource.initialize();
  try {
    const writes = new WriteSerializer(target.driver === 'sqlite');
    if (target.driver === 'sqlite') isolateReadsFromOpenWrites(dataSource, writes);
    // Building the tables and the repositories checks every statement against the entities, once.
    const tables = new Tables(dataSource);
    return {
      dataSource, driver: target.driver, writes, tables, repositories: new Repositories(new Sql(tables, outsideTransactions(dataSource, target.driver), writes), new CounterReadiness()),
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * better-sqlite3 gives TypeORM one query runner for everything; every statement, from a repository,
 * a query builder or raw SQL, passes through its query(). Statements from outside a write wait there
 * while a write is open (see WriteSerializer), so no read sees uncommitted rows.
 */
function isolateReadsFromOpenWrites(dataSource: DataSource, writes: WriteSerializer): void {
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner);
  runner.query = (async (...args: Parameters<typeof query>) => {
    const open = writes.beforeStatement();
    if (open) await open;
    return query(...args);
  }) as typeof runner.query;
}

/**
 * From now on a MySQL pool acquire gives up after a timeout and every session waits for locks and
 * statements only so long (db/timeouts.ts). Called after migrations and the seed, whose statements
 * may rightly take longer. SQLite has one connection and its own busy timeout.
 */
export function boundDatabaseWaits(db: Database, timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void {
  if (db.driver === 'mysql') applyDatabaseTimeouts(db.dataSource, timeouts, onError);
}

/** Applies pending migrations, each in its own transaction. */
export async function migrate(db: Database): Promise<void> {
  await db.dataSource.runMigrations({ transaction: 'each' });
}

function dataSourceOptions(target: DatabaseTarget, options: OpenOptions): DataSourceOptions {
  const common = { entities: ALL_ENTITIES, synchronize: false, logger: options.logger, logging: false as const };
  if (target.driver === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.file,
      migrations: SQLITE_MIGRATIONS,
      // WAL lets readers of a file database proceed while a write is committed.
      enableWAL: target.file !== ':memory:',
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: target.host,
    port: target.port,
    username: target.user,
    password: target.password,
    database: target.database,
    migrations: MYSQL_MIGRATIONS,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: options.poolSize ?? 10,
    // BIGINT money as JS numbers and DATE as 'YYYY-MM-DD' straight from the wire: no string or Date
    // object per column to convert again (the money transformer still refuses unsafe integers, which
    // mysql2 then hands over as strings).
    bigNumberStrings: false,
    dateStrings: ['DATE'],
    // mysql2 otherwise captures a JavaScript stack for every query (5% of a repayment's CPU); driver
    // errors still carry their SQL state and message, and our own stack from TypeORM.
    trace: false,
    extra: { connectTimeout: 5000 },
  };
}

async function createMysqlDatabaseIfMissing(target: Extract<DatabaseTarget, { driver: 'mysql' }>): Promise<void> {
  const connection = await mysql.createConnection({
    host: target.host, port: target.port, user: target.user, password: target.password, connectTimeout: 5000,
  });
  try {
    // The name was checked to be [A-Za-z0-9_]+ when the URL was parsed.
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}
