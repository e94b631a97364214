import { FaultGateway, post } from './fault-gateway';

/** Costs 1 + 10 points: ten merchants of one id each. */
export const COSTLY_READ = '{ merchants(first: 10) { nodes { id } } }';

/** Throttle settings under which a key is out of points after a handful of requests (the clock is held still). */
export const SMALL_BUCKET = { THROTTLE_BUCKET_POINTS: '100', THROTTLE_RESTORE_PER_SECOND: '1' };

/** Sends `count` reads one after another with `key`; how many were let through and how long each took. */
export async function burst(url: string, key: string, count: number): Promise<{ allowed: number; throttled: number; ms: number[] }> {
  const ms: number[] = [];
  let allowed = 0;
  let throttled = 0;
  for (let i = 0; i < count; i++) {
    const answer = await post(url, key, COSTLY_READ);
    ms.push(answer.ms);
    if (answer.status === 200) allowed++;
    else if (answer.status === 429) throttled++;
  }
  return { allowed, throttled, ms };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Log lines about the Redis throttle store (its outage and recovery). */
export const redisLines = (t: Pick<FaultGateway, 'logs'>) => t.logs.filter((line) => line.msg.includes('Redis'));
