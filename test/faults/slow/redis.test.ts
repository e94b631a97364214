import { KEYS } from '../../support/gateway';
import { freshDatabaseUrl } from '../../support/test-database';
import { recordFigure } from '../support/figures';
import { FaultGateway, post, startFaultGateway } from '../support/fault-gateway';
import { OwnedProcess, startRedis } from '../support/processes';
import { burst, COSTLY_READ, median, redisLines, SMALL_BUCKET } from '../support/throttle-probe';

let redis: OwnedProcess;
let t: FaultGateway;
const heldClock = () => 1_000_000;

beforeAll(async () => {
  redis = await startRedis();
  t = await startFaultGateway(await freshDatabaseUrl('faults_redis'), { ...SMALL_BUCKET, REDIS_URL: redis.url }, heldClock);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await redis?.dispose();
});

/** Sends reads until one is answered by Redis again (the breaker lets a trial through every second). */
async function untilRedisAnswers(): Promise<void> {
  const giveUp = Date.now() + 30_000;
  while (Date.now() < giveUp && !redisLines(t).some((line) => line.msg.includes('answers again'))) {
    await post(t.url, KEYS.analyst, COSTLY_READ);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Redis killed while the gateway runs', () => {
  let outage: Awaited<ReturnType<typeof burst>>;

  beforeAll(async () => {
    expect((await burst(t.url, KEYS.admin, 1)).allowed).toBe(1);
    await redis.kill();
    outage = await burst(t.url, KEYS.acme, 40);
    recordFigure('Redis killed', 'allowed of 40 reads with a 100-point bucket', outage.allowed);
  }, 60_000);

  it('keeps throttling: the key runs out of points in the per-process bucket', () => {
    expect(outage.throttled).toBeGreaterThan(0);
    expect(outage.allowed + outage.throttled).toBe(40);
  });

  it('logs the outage once, not per request', () => {
    expect(redisLines(t).filter((line) => line.msg.includes('unavailable'))).toHaveLength(1);
  });

  it('returns to the shared bucket when Redis is back, and says so once with a count', async () => {
    await redis.restart();
    await untilRedisAnswers();
    const recovered = redisLines(t).filter((line) => line.msg.includes('answers again'));
    expect(recovered).toHaveLength(1);
    expect(recovered[0].servedByInsurance).toBeGreaterThanOrEqual(40);
  }, 60_000);
});

describe('Redis frozen (SIGSTOP) while the gateway runs', () => {
  let healthy: number[];
  let frozen: Awaited<ReturnType<typeof burst>>;

  beforeAll(async () => {
    healthy = (await burst(t.url, KEYS.analyst, 20)).ms;
    redis.freeze();
    try {
      frozen = await burst(t.url, KEYS.globex, 40);
    } finally {
      redis.thaw();
    }
    recordFigure('Redis frozen', 'median request ms, healthy Redis', median(healthy));
    recordFigure('Redis frozen', 'median request ms, frozen Redis', median(frozen.ms));
    recordFigure('Redis frozen', 'slowest request ms, frozen Redis', Math.max(...frozen.ms));
  }, 60_000);

  it('adds at most a few ms per request once the breaker is open', () => {
    expect(median(frozen.ms)).toBeLessThan(median(healthy) + 20);
  });

  it('bounds the slowest request by the command timeout, not by Redis', () => {
    expect(Math.max(...frozen.ms)).toBeLessThan(500);
  });

  it('keeps throttling while Redis is frozen', () => {
    expect(frozen.throttled).toBeGreaterThan(0);
  });
});
