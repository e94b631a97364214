import mysql from 'mysql2/promise';
import { DataSource, DataSourceOptions, EntitySubscriberInterface, Logger } from 'typeorm';
import { ALL_ENTITIES } from '../../entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { DatabaseTarget, MysqlTarget, parseDatabaseUrl } from './database-url';
import { Repositories } from './repositories';
import { CounterReadiness } from './repositories/plan-status-count.repository';
import type { Connections } from './sql/connections';
import { MysqlConnections } from './sql/mysql-connections';
import { SqliteConnection } from './sql/sqlite-connection';
import { SqlLogger, StatementObservers, StatementRunner } from './sql/statement-runner';
import { Tables } from './tables';
import type { DatabaseTimeouts } from './timeouts';
import { WriteSerializer } from './write-serializer';

export interface Database {
  /**
   * TypeORM, working on Tenor's connections: the entity metadata, the migrations and the drivers'
   * value conversions. No statement of the application goes through it.
   */
  dataSource: DataSource;
  driver: DatabaseTarget['driver'];
  /** The connections Tenor opened (MySQL's pool, SQLite's one connection). */
  connections: Connections;
  /** What every statement passes through: the SQL logger, then the interceptors (`observers.intercept`, metrics and tracing). */
  observers: StatementObservers;
  writes: WriteSerializer;
  /** Its entities' tables, checked against the entity metadata when it opened. */
  tables: Tables;
  /** The repositories outside transactions: each statement on a pooled connection (transactions: src/db/transaction.ts). */
  repositories: Repositories;
}

export interface OpenOptions {
  /** Sees every statement; tests and the benchmark count SQL with it. */
  logger?: SqlLogger;
  /** MySQL connection pool size. */
  poolSize?: number;
  /** A read replica is opened as it is: it is read-only, and its database comes from the primary. */
  replica?: boolean;
}

/**
 * Opens the database named by the URL, creating a MySQL database or SQLite folder if missing. Tenor
 * opens the connections; TypeORM is handed them through its public `driver` option and reads its
 * entity metadata and runs migrations on them.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const writes = new WriteSerializer(target.driver === 'sqlite');
  let connections: Connections;
  if (target.driver === 'mysql') {
    if (!options.replica) await createMysqlDatabaseIfMissing(target);
    connections = await MysqlConnections.open(target, options.poolSize ?? 10);
  } else {
    connections = new SqliteConnection(target.file);
  }
  const dataSource = new DataSource(dataSourceOptions(target, connections, writes, options.logger));
  try {
    await dataSource.initialize();
    // Building the tables and the repositories checks every statement against the entities, once.
    const tables = new Tables(dataSource.entityMetadatas, dataSource.driver, connections.dialect);
    const observers = new StatementObservers(options.logger ?? null);
    const outside = new StatementRunner(tables, connections.pooled, observers, target.driver === 'sqlite' ? writes : null);
    return {
      dataSource, driver: target.driver, connections, observers, writes, tables, repositories: new Repositories(outside, new CounterReadiness()),
    };
  } catch (error) {
    await closeConnections(dataSource, connections);
    throw error;
  }
}

/** Closes the database: TypeORM, and with it the connections it was handed. */
export function closeDatabase(db: Database): Promise<void> {
  return closeConnections(db.dataSource, db.connections);
}

async function closeConnections(dataSource: DataSource, connections: Connections): Promise<void> {
  if (dataSource.isInitialized) await dataSource.destroy();
  else await connections.close();
}

/**
 * From now on a MySQL pool acquire gives up after a timeout and every session waits for locks and
 * statements only so long (db/timeouts.ts). Called after migrations and the seed, whose statements
 * may rightly take longer. SQLite has one connection and its own busy timeout.
 */
export function boundDatabaseWaits(db: Database, timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void {
  db.connections.boundWaits(timeouts, onError);
}

/** Applies pending migrations, each in its own transaction. */
export async function migrate(db: Database): Promise<void> {
  await db.dataSource.runMigrations({ transaction: 'each' });
}

function dataSourceOptions(target: DatabaseTarget, connections: Connections, writes: WriteSerializer, logger: SqlLogger | undefined): DataSourceOptions {
  const common = {
    entities: ALL_ENTITIES, synchronize: false, logging: false as const, driver: connections.typeormDriver,
    ...(logger ? { logger: typeormLogger(logger) } : {}),
  };
  if (target.driver === 'sqlite') {
    return { ...common, type: 'better-sqlite3', database: target.file, migrations: SQLITE_MIGRATIONS, subscribers: [waitForOpenWrites(writes)] };
  }
  return { ...common, type: 'mysql', database: target.database, migrations: MYSQL_MIGRATIONS };
}

/** TypeORM's statements (migrations, tests' own checks) are shown to the same logger as the runner's. */
function typeormLogger(logger: SqlLogger): Logger {
  const ignore = () => undefined;
  return {
    logQuery: (query, parameters) => logger.logQuery(query, parameters as unknown[] | undefined), logQueryError: ignore, logQuerySlow: ignore, logSchemaBuild: ignore, logMigration: ignore, log: ignore,
  };
}

/**
 * On SQLite TypeORM's statements share the one connection too: through TypeORM's public subscriber
 * hook (awaited before each statement) they wait while a write is open, like the runner's reads.
 */
function waitForOpenWrites(writes: WriteSerializer): Function {
  return class WaitForOpenWrites implements EntitySubscriberInterface {
    beforeQuery(): Promise<unknown> | void {
      return writes.beforeStatement() ?? undefined;
    }
  };
}

async function createMysqlDatabaseIfMissing(target: MysqlTarget): Promise<void> {
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
