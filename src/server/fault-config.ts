import { DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '../db/timeouts';
import { DEFAULT_PLAN_WRITE_QUEUE } from '../services/lifecycle/plan-writers';

/** Every bound on waiting for a dependency (docs/operations.md, "Faults and bounded waits"); read from the environment in config.ts. */
export interface FaultConfig {
  database: DatabaseTimeouts;
  /** A mutation not answered within this gets TIMEOUT and its transaction is rolled back. */
  mutationDeadlineMs: number;
  /** Likewise for queries (and for everything before the operation is known, such as authentication). */
  readDeadlineMs: number;
  /** Writers that may wait for one plan in this process while another writes it; more get PLAN_BUSY. */
  planWriteQueue: number;
  /** A Redis throttle command slower than this is answered by the per-process bucket instead. */
  redisCommandTimeoutMs: number;
  /** /readyz reports not ready when the database has not answered `SELECT 1` within this. */
  readinessTimeoutMs: number;
}

export const DEFAULT_FAULT_CONFIG: FaultConfig = {
  database: DEFAULT_DATABASE_TIMEOUTS,
  mutationDeadlineMs: 10_000,
  readDeadlineMs: 5_000,
  planWriteQueue: DEFAULT_PLAN_WRITE_QUEUE,
  redisCommandTimeoutMs: 50,
  readinessTimeoutMs: 900,
};
