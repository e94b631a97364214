import type { DataSource, QueryRunner } from 'typeorm';

const timed = new WeakSet<QueryRunner>();

/**
 * Reports the duration of every SQL statement to `observe` (seconds), from the one place all of
 * them pass: a query runner's `query`. TypeORM's Logger sees a statement only before it runs, so it
 * cannot time it. Only the duration leaves here, never the text or the parameters.
 */
export function timeQueries(dataSource: DataSource, observe: (seconds: number) => void): void {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    // better-sqlite3 hands out its one runner again and again; wrap it once.
    if (timed.has(runner)) return runner;
    timed.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = async (...args: unknown[]) => {
      const started = process.hrtime.bigint();
      try {
        return await query(...args);
      } finally {
        observe(Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
    return runner;
  };
}
