import 'reflect-metadata';
import { startGateway, Gateway, GatewayOptions } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { SqlCounter } from './sql-counter';
import { freshDatabaseUrl } from './test-database';

/**
 * Like startTestGateway, for tests that need what it does not pass on: gateway options (a throttle
 * clock, a log destination) or production mode, where TENOR_NOW is refused and nothing is seeded
 * (allowed on the test's SQLite database, which production itself refuses).
 */
export async function startConfiguredGateway(tag: string, env: NodeJS.ProcessEnv, options: GatewayOptions = {}): Promise<{ gateway: Gateway; sql: SqlCounter }> {
  const sql = new SqlCounter();
  const production = env.NODE_ENV === 'production';
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', DATABASE_URL: await freshDatabaseUrl(tag), LOG_LEVEL: 'silent',
    ...(production ? {} : { TENOR_NOW: '2027-03-01T12:00:00Z' }), ...env,
  }, { allowEmbeddedDatabaseInProduction: true });
  const now = config.fixedNow ?? new Date('2027-03-01T12:00:00Z');
  const gateway = await startGateway(config, { sqlLogger: sql, statusSweepMs: 0, clock: () => now, ...options });
  return { gateway, sql };
}
