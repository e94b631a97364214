import type { DataSource, QueryRunner } from 'typeorm';

/** Runs around one SQL statement: `sql` is its text with placeholders; `run` executes it. */
export type QueryInterceptor = (sql: string, run: () => Promise<unknown>) => Promise<unknown>;

/**
 * Puts `around` around every SQL statement, at the one place all of them pass: a query runner's
 * `query`. TypeORM's Logger sees a statement only before it runs, so it can neither time it nor
 * trace it. Interceptors see the statement's text, never its parameters.
 */
export function interceptQueries(dataSource: DataSource, around: QueryInterceptor): void {
  const wrapped = new WeakSet<QueryRunner>();
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    // better-sqlite3 hands out its one runner again and again; wrap it once.
    if (wrapped.has(runner)) return runner;
    wrapped.add(runner);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => around(sql, () => query(sql, ...rest));
    return runner;
  };
}
