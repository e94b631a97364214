import mysql, { Connection, Pool, PoolConnection, PoolOptions } from 'mysql2';
import { QueryFailedError } from 'typeorm';
import type { MysqlTarget } from '../database-url';
import { ServiceFault } from '../faults';
import { DatabaseTimeouts, sessionSettings } from '../timeouts';
import type { Connections, PoolStats, TransactionConnection } from './connections';
import { MYSQL } from './dialect';
import type { StatementTarget } from './statement-runner';

/** A statement that did not run: a driver error as a TypeORM QueryFailedError carrying it (classifyFault reads it); our own faults as they are. */
const failed = (sql: string, params: readonly unknown[], error: Error): Error =>
  (error instanceof ServiceFault ? error : new QueryFailedError(sql, params as unknown[], error));

/** mysql2's callback query on one connection, as a promise. */
function queryOn(connection: Connection, sql: string, params: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    connection.query(sql, params as unknown[], (error, result) => (error ? reject(failed(sql, params, error)) : resolve(result)));
  });
}

/** How every connection of ours talks: the performance settings of docs/performance.md (steps 23-24) included. */
function connectionOptions(target: MysqlTarget): PoolOptions {
  return {
    host: target.host, port: target.port, user: target.user, password: target.password, database: target.database,
    charset: 'utf8mb4_unicode_ci', timezone: 'Z', connectTimeout: 5000,
    // BIGINT money as JS numbers and DATE as 'YYYY-MM-DD' straight from the wire: no string or Date
    // object per column to convert again (the money transformer still refuses unsafe integers, which
    // mysql2 then hands over as strings).
    supportBigNumbers: true, bigNumberStrings: false, dateStrings: ['DATE'],
    // mysql2 otherwise captures a JavaScript stack for every query; driver errors still carry their
    // SQL state and message, and QueryFailedError our own stack.
    trace: false,
    stringifyObjects: true,
  };
}

/**
 * Tenor's mysql2 pool, which the statement runner and TypeORM (migrations, metadata) share. After
 * boundWaits, a runner's acquire gives up after `acquireTimeoutMs` (the connection it would have got
 * goes straight back; mysql2's own pool waits forever) and every session gets the settings of
 * timeouts.ts before its first statement: on the pool's `acquire` event, which TypeORM's acquires
 * raise too, and in the runner's acquire for a connection handed straight from one holder to a
 * waiting one, which raises none. Pool figures for the metrics are counted from the pool's events.
 */
export class MysqlConnections implements Connections {
  readonly dialect = MYSQL;
  readonly abandonable = true;
  readonly typeormDriver: object;
  readonly pooled: StatementTarget;
  private bounds: { timeouts: DatabaseTimeouts; session: string; onError: (error: unknown) => void } | null = null;
  /** Connections whose session has the settings (or has them queued). */
  private readonly sessionsSet = new WeakSet<Connection>();
  /** Connections whose session reads committed by default once those settings ran. */
  private readonly readCommitted = new WeakSet<Connection>();
  private readonly open = new Set<Connection>();
  private readonly held = new Set<Connection>();
  private waiting = 0;

  private constructor(private readonly pool: Pool, private readonly server: 'mariadb' | 'mysql', private readonly target: MysqlTarget, private readonly size: number) {
    pool.on('connection', (connection: PoolConnection) => {
      this.open.add(connection);
      connection.once('end', () => this.forget(connection));
      connection.once('error', () => this.forget(connection));
    });
    pool.on('acquire', (connection: PoolConnection) => {
      this.held.add(connection);
      this.prepare(connection);
    });
    pool.on('release', (connection: PoolConnection) => this.held.delete(connection));
    this.typeormDriver = { createPool: () => pool };
    this.pooled = {
      send: (sql, params) => new Promise((resolve, reject) => {
        this.acquire((error, connection) => {
          if (!connection) return reject(failed(sql, params, error!));
          connection.query(sql, params as unknown[], (failure, result) => {
            connection.release();
            if (failure) reject(failed(sql, params, failure));
            else resolve(result);
          });
        });
      }),
    };
  }

  /** Opens the pool and its first connection (a wrong password or host fails here), and learns whether the server is MariaDB. */
  static async open(target: MysqlTarget, poolSize: number): Promise<MysqlConnections> {
    const pool = mysql.createPool({ ...connectionOptions(target), connectionLimit: poolSize });
    try {
      const first = await new Promise<PoolConnection>((resolve, reject) => pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))));
      try {
        const [row] = await queryOn(first, 'SELECT VERSION() AS version', []) as { version: string }[];
        return new MysqlConnections(pool, /mariadb/i.test(row.version) ? 'mariadb' : 'mysql', target, poolSize);
      } finally {
        first.release();
      }
    } catch (error) {
      await new Promise((resolve) => pool.end(resolve));
      throw error;
    }
  }

  async forTransaction(): Promise<TransactionConnection> {
    const connection = await new Promise<PoolConnection>((resolve, reject) => {
      this.acquire((error, acquired) => (acquired ? resolve(acquired) : reject(error)));
    });
    return {
      target: { send: (sql, params) => queryOn(connection, sql, params) },
      // Sessions opened after boundWaits read committed already; earlier ones (the migrations' and the seed's) say it per transaction.
      opening: this.readCommitted.has(connection) ? [MYSQL.beginTransaction] : ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', MYSQL.beginTransaction],
      // A destroyed connection has left the pool already: its release does nothing.
      release: () => connection.release(),
      abandon: () => {
        this.forget(connection);
        connection.destroy();
      },
    };
  }

  /**
   * A connection of its own beside the pool, closed by the caller: for a lock that must not take a
   * pooled connection from the work it guards (the migration lock, with a pool of one).
   */
  async dedicated(): Promise<{ target: StatementTarget; close(): Promise<void> }> {
    const connection = mysql.createConnection(connectionOptions(this.target));
    await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
    // A connection that dies while its holder waits emits 'error' with nobody listening.
    connection.on('error', () => undefined);
    return {
      target: { send: (sql, params) => queryOn(connection, sql, params) },
      close: () => new Promise<void>((resolve) => connection.end(() => resolve())).catch(() => connection.destroy()),
    };
  }

  boundWaits(timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void {
    this.bounds = { timeouts, session: sessionSettings(this.server, timeouts), onError };
  }

  stats(): PoolStats {
    return { inUse: this.held.size, idle: this.open.size - this.held.size, waiting: this.waiting, max: this.size };
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.pool.end((error) => (error ? reject(error) : resolve())));
  }

  private acquire(callback: (error: Error | null, connection?: PoolConnection) => void): void {
    this.waiting += 1;
    const bounds = this.bounds;
    let gaveUp = false;
    const timer = bounds && setTimeout(() => {
      gaveUp = true;
      this.waiting -= 1;
      callback(new ServiceFault('DATABASE_BUSY', { message: `No database connection became free within ${bounds.timeouts.acquireTimeoutMs} ms; nothing was changed. Retry later.` }));
    }, bounds.timeouts.acquireTimeoutMs);
    this.pool.getConnection((error, connection) => {
      if (gaveUp) {
        connection?.release();
        return;
      }
      if (timer) clearTimeout(timer);
      this.waiting -= 1;
      if (connection) this.prepare(connection);
      callback(error, connection);
    });
  }

  /** A connection that left the pool (closed, broken or dropped): no longer counted. */
  private forget(connection: Connection): void {
    this.open.delete(connection);
    this.held.delete(connection);
  }

  /** Queues the session settings ahead of the holder's first statement (mysql2 runs a connection's commands in order). */
  private prepare(connection: Connection): void {
    const bounds = this.bounds;
    if (!bounds || this.sessionsSet.has(connection)) return;
    this.sessionsSet.add(connection);
    connection.query(bounds.session, (error) => {
      if (error) bounds.onError(error);
      else this.readCommitted.add(connection);
    });
  }
}
