import { LimitsConfig, loadLimitsConfig, positiveInteger } from './limits/limits-config';

/**
 * The only reader of process.env. Everything else receives a Config, so tests can run several
 * differently configured gateways in one process.
 */
export interface Config {
  /** Unset: embedded SQLite file under data/. See CONTRACT.md for the accepted forms. */
  databaseUrl: string;
  /** DATABASE_POOL_SIZE: MySQL connections per gateway process (SQLite has one). */
  databasePoolSize: number;
  port: number;
  isProduction: boolean;
  /** TENOR_NOW: a fixed server clock, refused in production. */
  fixedNow: Date | null;
  logLevel: string;
  /** Demo data is seeded into an empty database outside production. */
  seedDemoData: boolean;
  /** Document limits, query cost and per-key throttling (see limits/limits-config.ts). */
  limits: LimitsConfig;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/tenor.sqlite';
/** Measured in docs/performance.md ("Pool size"): with 16 clients, 5 starves repayments and 20 slows the nested read. */
export const DEFAULT_POOL_SIZE = 10;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const isProduction = env.NODE_ENV === 'production';
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got "${env.PORT}"`);
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databasePoolSize: positiveInteger(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE),
    port,
    isProduction,
    fixedNow: parseFixedNow(env.TENOR_NOW, isProduction),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemoData: !isProduction,
    limits: loadLimitsConfig(env),
  };
}

function parseFixedNow(value: string | undefined, isProduction: boolean): Date | null {
  if (!value) return null;
  if (isProduction) throw new ConfigError('TENOR_NOW fixes the clock for demos and tests and is refused when NODE_ENV=production');
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(date.getTime())) {
    throw new ConfigError(`TENOR_NOW must be an ISO date-time such as 2027-01-15T12:00:00Z, got "${value}"`);
  }
  return date;
}
