import { DataSource, QueryFailedError, QueryRunner } from 'typeorm';
import { ServiceFault } from './faults';
import { aroundStatement } from './query-interceptor';

/**
 * Where the repositories' statements run (see Sql): a pooled connection per statement outside
 * transactions, or one transaction's connection. `structured` answers `{ raw, affected }` (writes);
 * otherwise the driver's rows.
 */
export interface Statements {
  run(sql: string, params: readonly unknown[], structured: boolean): Promise<unknown>;
}

/** On one TypeORM query runner: SQLite's transactions (and tests that open one). */
export const onQueryRunner = (runner: QueryRunner): Statements => ({
  run: (sql, params, structured) =>
    (runner.query as (sql: string, params: unknown[], structured: boolean) => Promise<unknown>).call(runner, sql, params as unknown[], structured),
});

/** Outside transactions: on MySQL mysql2's pool directly, on SQLite its one query runner. */
export function outsideTransactions(dataSource: DataSource, driver: 'mysql' | 'sqlite'): Statements {
  if (driver === 'mysql') return onMysql(dataSource, mysqlPool(dataSource));
  return {
    async run(sql, params, structured) {
      const runner = dataSource.createQueryRunner();
      try {
        return await onQueryRunner(runner).run(sql, params, structured);
      } finally {
        await runner.release();
      }
    },
  };
}

/** mysql2's callback `query`, which both its pool (a connection per statement) and a connection have. */
export interface MysqlTarget {
  query(sql: string, values: unknown[], callback: (error: Error | null, result?: unknown) => void): void;
}

/** A pooled mysql2 connection, as a transaction holds it. */
export interface PooledConnection extends MysqlTarget {
  destroy(): void;
  release(): void;
}

interface MysqlPool extends MysqlTarget {
  getConnection(callback: (error: Error | null, connection: PooledConnection) => void): void;
}

/** The mysql2 pool TypeORM's MySQL driver opened (its getConnection is the one timeouts.ts bounds). */
const mysqlPool = (dataSource: DataSource): MysqlPool => (dataSource.driver as unknown as { pool: MysqlPool }).pool;

/** One connection from that pool, for a transaction: the acquire timeout and session settings apply. */
export const acquireMysqlConnection = (dataSource: DataSource): Promise<PooledConnection> => new Promise((resolve, reject) => {
  mysqlPool(dataSource).getConnection((error, connection) => (error ? reject(error) : resolve(connection)));
});

/**
 * Statements sent to mysql2 itself rather than through a TypeORM query runner, which cost ~3-4 µs of
 * CPU per statement on top of mysql2's ~30 µs on the VM measured (a runner object, a connect() and
 * release() per statement, a promise wrapper, a subscriber broadcast, a QueryResult copy of every
 * row array; docs/performance.md, step 23). What
 * the runner did that matters is kept: the data source's logger sees each statement (tests count SQL
 * with it), the interceptors (metrics, tracing) run around it, and a driver error is a TypeORM
 * QueryFailedError carrying it, as classifyFault expects. The pool's getConnection is the one
 * timeouts.ts bounds, so its acquire timeout and session settings hold here too.
 */
export function onMysql(dataSource: DataSource, target: MysqlTarget): Statements {
  const send = (sql: string, params: unknown[]) => new Promise<unknown>((resolve, reject) => {
    target.query(sql, params, (error, result) => {
      if (!error) resolve(result);
      // The pool's bounded acquire (timeouts.ts) answers its own DATABASE_BUSY; it is not the statement's error.
      else reject(error instanceof ServiceFault ? error : new QueryFailedError(sql, params, error));
    });
  });
  return {
    async run(sql, params, structured) {
      const values = params as unknown[];
      dataSource.logger.logQuery(sql, values);
      const raw = await aroundStatement(dataSource, sql, () => send(sql, values));
      return structured ? { raw, affected: (raw as { affectedRows?: number }).affectedRows } : raw;
    },
  };
}
