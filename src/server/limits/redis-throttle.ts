import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { ThrottleConfig } from './limits-config';
import { ResilientThrottle } from './resilient-throttle';
import { decide, MemoryThrottle, Throttle, ThrottleDecision, ThrottleStatus, throttleStatus } from './throttle';

/**
 * Refill, then take ARGV[4] points (refused if fewer are left) or, when it is negative, give them
 * back; all in one script so gateways sharing the bucket never interleave a read and a write.
 * Points are returned as strings: Redis truncates Lua numbers to integers.
 */
const BUCKET_SCRIPT = `
local maximum, rate, now, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local stored = redis.call('HMGET', KEYS[1], 'points', 'at')
local points, at = tonumber(stored[1]) or maximum, tonumber(stored[2]) or now
if now > at then points = math.min(maximum, points + (now - at) / 1000 * rate); at = now end
local allowed = 1
if cost > 0 and points < cost then allowed = 0 else points = math.min(maximum, points - cost) end
redis.call('HSET', KEYS[1], 'points', tostring(points), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((maximum - points) / rate * 1000) + 1000)
return { allowed, tostring(points) }
`;

/**
 * One bucket per key shared by every gateway on the same Redis. A failure (Redis down, or slower
 * than the command timeout) is thrown: ResilientThrottle then answers from the per-process bucket.
 */
export class RedisThrottle implements Throttle {
  constructor(private readonly redis: Redis, private readonly config: ThrottleConfig, private readonly clockMs: () => number) {}

  private async run(key: string, cost: number): Promise<ThrottleDecision> {
    const [allowed, points] = await this.redis.eval(BUCKET_SCRIPT, 1, this.config.redisKeyPrefix + key,
      this.config.bucketPoints, this.config.restorePerSecond, this.clockMs(), cost) as [number, string];
    const remaining = Number(points);
    return allowed === 1 ? { allowed: true, status: throttleStatus(remaining, this.config) } : decide(remaining, cost, this.config);
  }

  take(key: string, cost: number): Promise<ThrottleDecision> {
    return this.run(key, cost);
  }

  async refund(key: string, points: number): Promise<ThrottleStatus> {
    return (await this.run(key, -points)).status;
  }

  /** QUIT waits for Redis, which may be hung: give it a moment, then drop the connection. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.redis.quit().catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, 200); })]);
    clearTimeout(timer);
    this.redis.disconnect();
  }
}

export interface ThrottleOptions {
  clockMs: () => number;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** A Redis command slower than this counts as a failure (tens of ms: it is on every request's path). */
  commandTimeoutMs: number;
  /** Called for every failed call to the shared store (the dependency error counter). */
  onStoreError?: (error: unknown) => void;
}

/** How long start-up waits for Redis before it starts with the per-process buckets. */
const START_CONNECT_WAIT_MS = 1_000;

/**
 * Redis (with the per-process bucket as insurance) when REDIS_URL is set, otherwise a bucket per
 * process. Redis is never required: the gateway starts without it and ioredis keeps reconnecting
 * in the background.
 */
export async function createThrottle(config: ThrottleConfig, options: ThrottleOptions): Promise<Throttle> {
  const insurance = new MemoryThrottle(config, options.clockMs);
  if (!config.redisUrl) return insurance;
  // Loaded only when a shared store is configured: ioredis is ~18 MB of a gateway's memory.
  const { Redis: RedisClient } = await import('ioredis');
  const redis = new RedisClient(config.redisUrl, {
    // Fail fast instead of queueing commands while disconnected; never retry a command (the bucket
    // would be charged twice); reconnect forever, at most every 2 s.
    enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: options.commandTimeoutMs, connectTimeout: START_CONNECT_WAIT_MS,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  // Connection errors repeat on every reconnect attempt; the breaker logs the outage once instead.
  redis.on('error', () => undefined);
  const throttle = new ResilientThrottle(new RedisThrottle(redis, config, options.clockMs), insurance, options.logger, 'Redis', Date.now, options.onStoreError);
  const connected = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve(new Error(`no connection within ${START_CONNECT_WAIT_MS} ms`)), START_CONNECT_WAIT_MS);
    redis.once('ready', () => { clearTimeout(timer); resolve(true); });
    redis.once('error', (error: unknown) => { clearTimeout(timer); resolve(error); });
  });
  if (connected !== true) throttle.startOpen(connected);
  return throttle;
}
