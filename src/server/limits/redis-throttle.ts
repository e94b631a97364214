import type { Redis } from 'ioredis';
import type { ThrottleConfig } from './limits-config';
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
 * One bucket per key shared by every gateway on the same Redis. If Redis stops answering, requests
 * are served unthrottled (and the failure logged by the caller): the per-query cost limit still
 * holds, and refusing every partner because a rate limiter is down would be the bigger outage.
 */
export class RedisThrottle implements Throttle {
  private constructor(
    private readonly redis: Redis, private readonly config: ThrottleConfig, private readonly clockMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Connects first, so a wrong REDIS_URL stops the start-up instead of every request. */
  static async connect(config: ThrottleConfig, clockMs: () => number, onError: (error: unknown) => void): Promise<RedisThrottle> {
    // Loaded only when a shared store is configured: ioredis is ~18 MB of a gateway's memory.
    const { Redis: RedisClient } = await import('ioredis');
    const redis = new RedisClient(config.redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
    redis.on('error', onError);
    await redis.connect();
    return new RedisThrottle(redis, config, clockMs, onError);
  }

  private async run(key: string, cost: number): Promise<ThrottleDecision> {
    try {
      const [allowed, points] = await this.redis.eval(BUCKET_SCRIPT, 1, this.config.redisKeyPrefix + key,
        this.config.bucketPoints, this.config.restorePerSecond, this.clockMs(), cost) as [number, string];
      const remaining = Number(points);
      return allowed === 1 ? { allowed: true, status: throttleStatus(remaining, this.config) } : decide(remaining, cost, this.config);
    } catch (error) {
      this.onError(error);
      return { allowed: true, status: throttleStatus(this.config.bucketPoints, this.config) };
    }
  }

  take(key: string, cost: number): Promise<ThrottleDecision> {
    return this.run(key, cost);
  }

  async refund(key: string, points: number): Promise<ThrottleStatus> {
    return (await this.run(key, -points)).status;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when REDIS_URL is set, otherwise a bucket per process. */
export async function createThrottle(config: ThrottleConfig, clockMs: () => number, onError: (error: unknown) => void): Promise<Throttle> {
  return config.redisUrl ? RedisThrottle.connect(config, clockMs, onError) : new MemoryThrottle(config, clockMs);
}
