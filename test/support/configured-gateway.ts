import 'reflect-metadata';
import { startGateway, Gateway, GatewayOptions } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { SqlCounter } from './sql-counter';
import { freshDatabaseUrl } from './test-database';
import { onSeededCopy } from './seed-template';

/**
 * Like startTestGateway, for tests that need what it does not pass on: gateway options (a throttle
 * clock, a log destination) or production mode, where TENOR_NOW is refused and nothing is seeded
 * (allowed on the test's SQLite database, which production itself refuses).
 */
export async function startConfiguredGateway(tag: string, env: NodeJS.ProcessEnv, options: GatewayOptions = {}): Promise<{ gateway: Gateway; sql: SqlCounter }> {
  const sql = new SqlCounter();
  const production = env.NODE_ENV === 'production';
  const fresh = await freshDatabaseUrl(tag);
  const loaded = loadConfig({
    NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', DATABASE_URL: fresh, LOG_LEVEL: 'silent',
    ...(production ? {} : { TENOR_NOW: '2027-03-01T12:00:00Z' }), ...env,
  }, { allowEmbeddedDatabaseInProduction: true });
  const now = loaded.fixedNow ?? new Date('2027-03-01T12:00:00Z');
  const clock = options.clock ?? (() => now);
  // Only the all-in-one role seeds at start; it dates the seed by its clock.
  const allInOne = (options.role ?? 'all-in-one') === 'all-in-one';
  const config = allInOne ? await onSeededCopy(loaded, { url: fresh, tag, seedNow: clock() }) : loaded;
  const gateway = await startGateway(config, { sqlLogger: sql, statusSweepMs: 0, ...options, clock });
  return { gateway, sql };
}
