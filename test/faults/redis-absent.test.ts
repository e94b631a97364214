import { KEYS } from '../support/gateway';
import { freshDatabaseUrl } from '../support/test-database';
import { FaultGateway, startFaultGateway } from './support/fault-gateway';
import { sparePort } from '../support/spare-port';
import { burst, redisLines, SMALL_BUCKET } from './support/throttle-probe';

/** Redis is configured but nothing listens on its port: the gateway must start and still throttle. */
describe('a gateway whose Redis is down at start', () => {
  let t: FaultGateway;
  const heldClock = () => 1_000_000;

  beforeAll(async () => {
    const redisUrl = `redis://127.0.0.1:${await sparePort()}`;
    t = await startFaultGateway(await freshDatabaseUrl('faults_redis_absent'), { ...SMALL_BUCKET, REDIS_URL: redisUrl }, heldClock);
  });
  afterAll(() => t?.close());

  it('starts and warns once, naming Redis and the per-process fallback', () => {
    const lines = redisLines(t);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40 });
    expect(lines[0].msg).toMatch(/Redis.*per-process/);
  });

  it('throttles with the per-process bucket: a key is refused once its points are spent', async () => {
    const { allowed, throttled } = await burst(t.url, KEYS.acme, 40);
    expect(throttled).toBeGreaterThan(0);
    expect(allowed + throttled).toBe(40);
  });

  it('logs nothing more per request while Redis stays down', async () => {
    await burst(t.url, KEYS.globex, 5);
    expect(redisLines(t)).toHaveLength(1);
  });
});
