import { z } from 'zod';
import { parseDatabaseUrl } from '../db/database-url';
import { DEFAULT_MAX_COMPILED_OPERATIONS } from './jit-gateway';
import { DEFAULT_FAULT_CONFIG, FaultConfig } from './fault-config';
import { DEFAULT_LIMITS, LimitsConfig } from './limits/limits-config';
import { parseAmount } from '../engine';
import { DEFAULT_LENDING_POLICY, LendingPolicy } from '../services/lending-policy';

/**
 * The only reader of process.env. Everything else receives a Config, so tests can run several
 * differently configured gateways in one process. Every variable of the public contract is declared
 * in ENV_SCHEMA below and checked at start: a bad value stops the process with one line per
 * variable, naming it.
 */
/** The lending rules (time zone, charge-off, exposure limits) are part of it: a Config is the services' LendingPolicy. */
export interface Config extends LendingPolicy {
  /** Unset: embedded SQLite file under data/. The accepted forms: README "Configuration". */
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
  /** CORS_ORIGINS: browser origins allowed to call /graphql, each exactly `scheme://host[:port]`. */
  corsOrigins: string[];
  /** MAX_COMPILED_OPERATIONS: graphql-jit compiled operations kept per process (least recently used evicted). */
  maxCompiledOperations: number;
  /** TENOR_TIME_ZONE: IANA zone business dates are counted in. */
  timeZone: string;
  /** CHARGE_OFF_AFTER_DAYS: days past due after which a plan is charged off. */
  chargeOffAfterDays: number;
  /** EXPOSURE_LIMIT_USD, EXPOSURE_LIMIT_CAD: largest open exposure of one applicant, minor units per currency. */
  exposureLimits: LendingPolicy['exposureLimits'];
  /** METRICS_PORT: Prometheus /metrics, never on the public port. */
  metricsPort: number;
  /** DATABASE_REPLICA_URL: a read replica (MySQL), or null to read from the primary. */
  databaseReplicaUrl: string | null;
  /** REPLICA_MAX_LAG_SECONDS: a replica further behind than this is not read from. */
  replicaMaxLagSeconds: number;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: where traces go, or null for none. */
  otelExporterEndpoint: string | null;
  shutdown: ShutdownConfig;
  worker: WorkerConfig;
  /** Timeouts, deadlines and queue bounds for faults of the database and Redis (see fault-config.ts). */
  faults: FaultConfig;
}

export interface ShutdownConfig {
  /** SHUTDOWN_DELAY_SECONDS: after SIGTERM, /readyz says not ready but requests are still served this long (load balancers notice). */
  delayMs: number;
  /** SHUTDOWN_GRACE_SECONDS: then in-flight requests get this long before connections and the database are cut. */
  graceMs: number;
}

export interface WorkerConfig {
  /** MAINTENANCE_INTERVAL_SECONDS: how often the worker runs the maintenance sweep. */
  intervalMs: number;
  /** WORKER_LEASE_SECONDS: a worker that stops renewing its lease loses it after this long; another takes over. */
  leaseMs: number;
  /**
   * MAINTENANCE_DUTY_CYCLE_PERCENT: the share of time a long sweep spends writing; it pauses between
   * batches for the rest (worker-pace.ts). Default 50.
   */
  dutyCycle: number;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/tenor.sqlite';
/** Measured in docs/performance.md ("Pool size"): with 16 clients, 5 starves repayments and 20 slows the nested read. */
export const DEFAULT_POOL_SIZE = 10;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset and an empty variable mean the same: the default. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => optional(z.string()
  .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
  .transform(Number)
  .pipe(z.number().min(min, { message: `must be a whole number from ${min} to ${max}` }).max(max, { message: `must be a whole number from ${min} to ${max}` })));
const positive = () => integer(1);
const portNumber = () => integer(0, 65535);

function check<T>(test: (value: string) => T, message: string) {
  return optional(z.string().refine((value) => {
    try {
      return test(value) !== false;
    } catch {
      return false;
    }
  }, { message }));
}

/** `https://partner.example` exactly: a URL's origin, nothing after the host and port. */
const isOrigin = (value: string) => new URL(value).origin === value;
const isHttpUrl = (value: string) => ['http:', 'https:'].includes(new URL(value).protocol);
const isTimeZone = (value: string) => new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone.length > 0;

const ENV_SCHEMA = z.object({
  NODE_ENV: optional(z.string()),
  DATABASE_URL: check(parseDatabaseUrl, 'must be sqlite:<path>, sqlite::memory: or mysql://user:pass@host:port/database'),
  DATABASE_POOL_SIZE: positive(),
  DATABASE_REPLICA_URL: check((value) => parseDatabaseUrl(value).driver === 'mysql', 'must be mysql://user:pass@host:port/database'),
  REPLICA_MAX_LAG_SECONDS: positive(),
  PORT: portNumber(),
  METRICS_PORT: portNumber(),
  TENOR_NOW: check((value) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) && !Number.isNaN(new Date(value).getTime()),
    'must be an ISO date-time such as 2027-01-15T12:00:00Z'),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  CORS_ORIGINS: check((value) => value.split(',').every((entry) => isOrigin(entry.trim())),
    'must be comma-separated origins such as https://shop.example,https://app.example:8443 (scheme, host and port only, no path or trailing slash)'),
  TENOR_TIME_ZONE: check(isTimeZone, 'must be an IANA time zone such as America/New_York'),
  CHARGE_OFF_AFTER_DAYS: positive(),
  EXPOSURE_LIMIT_USD: check((value) => parseAmount(value, 'USD') > 0, 'must be a positive amount in USD such as 15000.00'),
  EXPOSURE_LIMIT_CAD: check((value) => parseAmount(value, 'CAD') > 0, 'must be a positive amount in CAD such as 15000.00'),
  OTEL_EXPORTER_OTLP_ENDPOINT: check(isHttpUrl, 'must be an http(s) URL such as http://otel-collector:4318'),
  REDIS_URL: check((value) => ['redis:', 'rediss:'].includes(new URL(value).protocol), 'must be redis://host:port or rediss://host:port'),
  REDIS_KEY_PREFIX: optional(z.string()),
  MAX_QUERY_COST: positive(),
  TOTAL_COUNT_CAP: integer(1, 100_000),
  MAX_QUERY_TOKENS: positive(),
  MAX_QUERY_DEPTH: positive(),
  MAX_QUERY_FIELDS: positive(),
  MAX_QUERY_ALIASES: positive(),
  MAX_QUERY_ROOT_FIELDS: positive(),
  MAX_QUERY_DIRECTIVES: positive(),
  THROTTLE_BUCKET_POINTS: positive(),
  THROTTLE_RESTORE_PER_SECOND: positive(),
  MAX_COMPILED_OPERATIONS: positive(),
  SHUTDOWN_DELAY_SECONDS: integer(0, 600),
  SHUTDOWN_GRACE_SECONDS: integer(1, 600),
  MAINTENANCE_INTERVAL_SECONDS: positive(),
  WORKER_LEASE_SECONDS: integer(2, 3600),
  MAINTENANCE_DUTY_CYCLE_PERCENT: integer(1, 100),
  MUTATION_DEADLINE_MS: positive(),
  READ_DEADLINE_MS: positive(),
  DATABASE_ACQUIRE_TIMEOUT_MS: positive(),
  DATABASE_LOCK_WAIT_SECONDS: integer(1, 3600),
  DATABASE_STATEMENT_TIMEOUT_MS: positive(),
  PLAN_WRITE_QUEUE: positive(),
  REDIS_COMMAND_TIMEOUT_MS: positive(),
});

/** Every environment variable Tenor reads (the Kubernetes manifests are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ENV_SCHEMA.shape);

export interface LoadOptions {
  /**
   * Production normally refuses anything but MySQL. Tests exercise production behaviour on their
   * throwaway SQLite databases with this; no environment variable can turn it on.
   */
  allowEmbeddedDatabaseInProduction?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message}, got "${withoutPassword(env[name] ?? '')}"`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) refuseUnsafeProduction(e, options);
  refuseReplicaWithoutMysqlPrimary(e);
  const port = e.PORT ?? 4000;
  const metricsPort = e.METRICS_PORT ?? 9464;
  if (metricsPort !== 0 && metricsPort === port) throw new ConfigError(`METRICS_PORT must differ from PORT (${port}): /metrics is never served on the public port`);
  return {
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE,
    port,
    isProduction,
    fixedNow: e.TENOR_NOW ? new Date(e.TENOR_NOW) : null,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemoData: !isProduction,
    limits: limitsFrom(e),
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : [],
    maxCompiledOperations: e.MAX_COMPILED_OPERATIONS ?? DEFAULT_MAX_COMPILED_OPERATIONS,
    timeZone: e.TENOR_TIME_ZONE ?? DEFAULT_LENDING_POLICY.timeZone,
    chargeOffAfterDays: e.CHARGE_OFF_AFTER_DAYS ?? DEFAULT_LENDING_POLICY.chargeOffAfterDays,
    exposureLimits: {
      USD: e.EXPOSURE_LIMIT_USD ? parseAmount(e.EXPOSURE_LIMIT_USD, 'USD') : DEFAULT_LENDING_POLICY.exposureLimits.USD,
      CAD: e.EXPOSURE_LIMIT_CAD ? parseAmount(e.EXPOSURE_LIMIT_CAD, 'CAD') : DEFAULT_LENDING_POLICY.exposureLimits.CAD,
    },
    metricsPort,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL ?? null,
    replicaMaxLagSeconds: e.REPLICA_MAX_LAG_SECONDS ?? 5,
    otelExporterEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    shutdown: { delayMs: (e.SHUTDOWN_DELAY_SECONDS ?? 0) * 1000, graceMs: (e.SHUTDOWN_GRACE_SECONDS ?? 10) * 1000 },
    worker: {
      intervalMs: (e.MAINTENANCE_INTERVAL_SECONDS ?? 60) * 1000, leaseMs: (e.WORKER_LEASE_SECONDS ?? 30) * 1000,
      dutyCycle: (e.MAINTENANCE_DUTY_CYCLE_PERCENT ?? 50) / 100,
    },
    faults: faultsFrom(e),
  };
}

function faultsFrom(e: Env): FaultConfig {
  const d = DEFAULT_FAULT_CONFIG;
  return {
    database: {
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS ?? d.database.acquireTimeoutMs,
      lockWaitSeconds: e.DATABASE_LOCK_WAIT_SECONDS ?? d.database.lockWaitSeconds,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS ?? d.database.statementTimeoutMs,
    },
    mutationDeadlineMs: e.MUTATION_DEADLINE_MS ?? d.mutationDeadlineMs,
    readDeadlineMs: e.READ_DEADLINE_MS ?? d.readDeadlineMs,
    planWriteQueue: e.PLAN_WRITE_QUEUE ?? d.planWriteQueue,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS ?? d.redisCommandTimeoutMs,
    readinessTimeoutMs: d.readinessTimeoutMs,
  };
}

/** Database and Redis URLs carry passwords, which must not reach the logs. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

type Env = z.infer<typeof ENV_SCHEMA>;

/** A replica copies a MySQL primary's binlog; an SQLite file has none to copy. */
function refuseReplicaWithoutMysqlPrimary(e: Env): void {
  if (!e.DATABASE_REPLICA_URL) return;
  if (parseDatabaseUrl(e.DATABASE_URL ?? DEFAULT_DATABASE_URL).driver !== 'mysql') {
    throw new ConfigError('DATABASE_REPLICA_URL needs a MySQL or MariaDB DATABASE_URL: an embedded SQLite database has no replicas');
  }
}

/** What would be unsafe in production and is only caught there (demo keys are checked against the database at start). */
function refuseUnsafeProduction(e: Env, options: LoadOptions): void {
  if (e.TENOR_NOW) throw new ConfigError('TENOR_NOW fixes the clock for demos and tests and is refused when NODE_ENV=production');
  const driver = e.DATABASE_URL ? parseDatabaseUrl(e.DATABASE_URL).driver : null;
  if (driver !== 'mysql' && !options.allowEmbeddedDatabaseInProduction) {
    throw new ConfigError(e.DATABASE_URL
      ? 'DATABASE_URL must be mysql://… when NODE_ENV=production: an embedded SQLite file is one process\'s, not shared by replicas, and lost with the container'
      : 'DATABASE_URL is required when NODE_ENV=production (mysql://user:pass@host:port/database); without it Tenor would serve from a local SQLite file');
  }
}

function limitsFrom(e: Env): LimitsConfig {
  const d = DEFAULT_LIMITS.document;
  const t = DEFAULT_LIMITS.throttle;
  return {
    document: {
      maxTokens: e.MAX_QUERY_TOKENS ?? d.maxTokens,
      maxDepth: e.MAX_QUERY_DEPTH ?? d.maxDepth,
      maxFields: e.MAX_QUERY_FIELDS ?? d.maxFields,
      maxAliases: e.MAX_QUERY_ALIASES ?? d.maxAliases,
      maxRootFields: e.MAX_QUERY_ROOT_FIELDS ?? d.maxRootFields,
      maxDirectives: e.MAX_QUERY_DIRECTIVES ?? d.maxDirectives,
    },
    maxQueryCost: e.MAX_QUERY_COST ?? DEFAULT_LIMITS.maxQueryCost,
    totalCountCap: e.TOTAL_COUNT_CAP ?? DEFAULT_LIMITS.totalCountCap,
    throttle: {
      bucketPoints: e.THROTTLE_BUCKET_POINTS ?? t.bucketPoints,
      restorePerSecond: e.THROTTLE_RESTORE_PER_SECOND ?? t.restorePerSecond,
      redisUrl: e.REDIS_URL ?? null,
      redisKeyPrefix: e.REDIS_KEY_PREFIX ?? t.redisKeyPrefix,
    },
  };
}
