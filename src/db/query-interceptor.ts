import type { DataSource, QueryRunner } from 'typeorm';

/** Runs around one SQL statement: `sql` is its text with placeholders; `run` executes it. */
export type QueryInterceptor = (sql: string, run: () => Promise<unknown>) => Promise<unknown>;

/** Each data source's interceptors, composed into one when registered (the last registered outermost). */
const interceptors = new WeakMap<DataSource, QueryInterceptor>();

/**
 * Puts `around` around every SQL statement of this data source, at the two places statements pass:
 * the repositories' statements on mysql2 (statements.ts calls aroundStatement) and a TypeORM query
 * runner's `query` (migrations, readiness, SQLite). TypeORM's Logger sees a statement only before it
 * runs, so it can neither time it nor trace it. Interceptors see the statement's text, never its
 * parameters.
 */
export function interceptQueries(dataSource: DataSource, around: QueryInterceptor): void {
  const registered = interceptors.get(dataSource);
  if (registered) {
    interceptors.set(dataSource, (sql, run) => around(sql, () => registered(sql, run)));
    return;
  }
  interceptors.set(dataSource, around);
  const wrapped = new WeakSet<QueryRunner>();
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    // better-sqlite3 hands out its one runner again and again; wrap it once.
    if (wrapped.has(runner)) return runner;
    wrapped.add(runner);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => aroundStatement(dataSource, sql, () => query(sql, ...rest));
    return runner;
  };
}

/** Runs one statement inside every interceptor of its data source (the last registered outermost). */
export function aroundStatement(dataSource: DataSource, sql: string, run: () => Promise<unknown>): Promise<unknown> {
  const around = interceptors.get(dataSource);
  return around ? around(sql, run) : run();
}
