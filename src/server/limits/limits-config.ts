/**
 * What one request may ask for, and how fast one API key may spend. Every number can be set from
 * the environment (read only by config.ts); the defaults are documented in README-style comments
 * here because partners are told them.
 */
export interface DocumentLimits {
  /** GraphQL tokens in the query text (graphql-js stops parsing past it). */
  maxTokens: number;
  /** Nested selections; `ofType` is not counted because it only walks a type's wrappers. */
  maxDepth: number;
  /** Fields selected, fragments expanded: bounds validation work, which grows with the square of it. */
  maxFields: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
}

export interface ThrottleConfig {
  /** Points one API key's bucket holds when full (Shopify Plus: 2,000). */
  bucketPoints: number;
  /** Points restored per second (Shopify Plus: 100). */
  restorePerSecond: number;
  /** Unset: one bucket per process. Set: every gateway on this Redis shares each key's bucket. */
  redisUrl: string | null;
  /** Namespaces bucket keys when several environments share one Redis. */
  redisKeyPrefix: string;
}

export interface LimitsConfig {
  document: DocumentLimits;
  /** A query costing more than this is refused before it runs (MAX_COST_EXCEEDED). */
  maxQueryCost: number;
  throttle: ThrottleConfig;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  document: { maxTokens: 5_000, maxDepth: 12, maxFields: 500, maxAliases: 50, maxRootFields: 20, maxDirectives: 50 },
  maxQueryCost: 1_000,
  // Ten full-cost queries in a row, then one every second: generous for partners' integrations and
  // for the test suites, which send hundreds of requests a second with one key.
  throttle: { bucketPoints: 10_000, restorePerSecond: 1_000, redisUrl: null, redisKeyPrefix: 'tenor:throttle:' },
};

export class LimitsConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** A positive integer setting from the environment, or the fallback when unset. */
export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new LimitsConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadLimitsConfig(env: NodeJS.ProcessEnv): LimitsConfig {
  const d = DEFAULT_LIMITS.document;
  const t = DEFAULT_LIMITS.throttle;
  return {
    document: {
      maxTokens: positiveInteger(env, 'MAX_QUERY_TOKENS', d.maxTokens),
      maxDepth: positiveInteger(env, 'MAX_QUERY_DEPTH', d.maxDepth),
      maxFields: positiveInteger(env, 'MAX_QUERY_FIELDS', d.maxFields),
      maxAliases: positiveInteger(env, 'MAX_QUERY_ALIASES', d.maxAliases),
      maxRootFields: positiveInteger(env, 'MAX_QUERY_ROOT_FIELDS', d.maxRootFields),
      maxDirectives: positiveInteger(env, 'MAX_QUERY_DIRECTIVES', d.maxDirectives),
    },
    maxQueryCost: positiveInteger(env, 'MAX_QUERY_COST', DEFAULT_LIMITS.maxQueryCost),
    throttle: {
      bucketPoints: positiveInteger(env, 'THROTTLE_BUCKET_POINTS', t.bucketPoints),
      restorePerSecond: positiveInteger(env, 'THROTTLE_RESTORE_PER_SECOND', t.restorePerSecond),
      redisUrl: env.REDIS_URL || null,
      redisKeyPrefix: env.REDIS_KEY_PREFIX || t.redisKeyPrefix,
    },
  };
}
