import type { Database } from './data-source';

export interface PoolStats {
  inUse: number;
  idle: number;
  /** Callers queued for a connection: the pool is saturated while this is above zero. */
  waiting: number;
  max: number;
}

interface Mysql2Pool {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
  config: { connectionLimit: number };
}

/**
 * The connection pool as it is now. mysql2 keeps these counts only in its pool's internal queues
 * (reached as in statements.ts's mysqlPool); SQLite has one connection and no pool, so
 * it reports that one connection, never waited for (writes queue in the WriteSerializer instead).
 */
export function poolStats(db: Database): PoolStats {
  if (db.driver !== 'mysql') return { inUse: 0, idle: 1, waiting: 0, max: 1 };
  const pool = (db.dataSource.driver as unknown as { pool: Mysql2Pool }).pool;
  const all = pool._allConnections.length;
  const idle = pool._freeConnections.length;
  return { inUse: all - idle, idle, waiting: pool._connectionQueue.length, max: pool.config.connectionLimit };
}
