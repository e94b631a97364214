import 'reflect-metadata';
import { GraphQLClient } from 'graphql-request';
import { startGateway, Gateway } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { SqlCounter } from './sql-counter';
import { freshDatabaseUrl } from './test-database';
import { onSeededCopy } from './seed-template';

export const KEYS = {
  acme: 'test_partner_acme',
  globex: 'test_partner_globex',
  analyst: 'test_analyst',
  admin: 'test_admin',
} as const;

export interface TestGateway {
  gateway: Gateway;
  url: string;
  sql: SqlCounter;
  /** Moves the server clock (TENOR_NOW for this gateway). */
  setNow(iso: string): void;
  /** A graphql-request client with a Bearer key, used with the generated typed documents. */
  client(key?: string): GraphQLClient;
  close(): Promise<void>;
}

/**
 * The real gateway over real HTTP on a free port, on a fresh database (SQLite in memory, or MariaDB
 * when TEST_DATABASE_URL is set), seeded with the demo portfolio as of `now` (copied from the run's
 * seed template, see seed-template.ts).
 */
export async function startTestGateway(tag: string, options: { now?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestGateway> {
  const sql = new SqlCounter();
  const fresh = await freshDatabaseUrl(tag);
  const loaded = loadConfig({
    NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', DATABASE_URL: fresh, TENOR_NOW: options.now ?? '2027-03-01T12:00:00Z',
    LOG_LEVEL: 'silent', ...options.env,
  });
  let now = loaded.fixedNow!;
  const config = await onSeededCopy(loaded, { url: fresh, tag, seedNow: now });
  const gateway = await startGateway(config, { sqlLogger: sql, statusSweepMs: 0, clock: () => now });
  return {
    gateway,
    url: gateway.url,
    sql,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    client: (key?: string) => new GraphQLClient(gateway.url, { headers: key ? { authorization: `Bearer ${key}` } : {} }),
    close: () => gateway.close(),
  };
}
