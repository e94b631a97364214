/**
 * What one request may ask for, and how fast one API key may spend. Every number can be set from
 * the environment (declared and read only in config.ts); the defaults are documented in
 * README-style comments here because partners are told them.
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
  /**
   * TOTAL_COUNT_CAP: a connection's totalCount is exact up to this many items; beyond it totalCount
   * says the cap and totalCountIsExact false. Counting reads at most cap + 1 index entries per list,
   * and the cost model charges for them (query-cost.ts).
   */
  totalCountCap: number;
  throttle: ThrottleConfig;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  document: { maxTokens: 5_000, maxDepth: 12, maxFields: 500, maxAliases: 50, maxRootFields: 20, maxDirectives: 50 },
  maxQueryCost: 1_000,
  // 10,000 rather than Shopify's 25,000: a count of 10,000 index entries is a few milliseconds, and
  // past that a number is for display ("10,000+"), not for paging, which cursors do.
  totalCountCap: 10_000,
  // Ten full-cost queries in a row, then one every second: generous for partners' integrations and
  // for the test suites, which send hundreds of requests a second with one key.
  throttle: { bucketPoints: 10_000, restorePerSecond: 1_000, redisUrl: null, redisKeyPrefix: 'tenor:throttle:' },
};
