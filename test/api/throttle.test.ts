import { randomUUID } from 'node:crypto';
import type { Gateway } from '../../src/server/app';
import { KEYS } from '../support/gateway';
import { startConfiguredGateway } from '../support/configured-gateway';
import { firstCode, postQuery, RawResponse } from '../support/raw-http';

const BUCKET = { THROTTLE_BUCKET_POINTS: '300', THROTTLE_RESTORE_PER_SECOND: '10' };
/** Requests 101 points; actually costs 1 + the number of plans the analyst sees. */
const PLANS = '{ plans(first: 100) { nodes { id } } }';

/** A throttle clock the test moves, so refilling needs no sleeping. */
function manualClock() {
  let ms = Date.parse('2027-03-01T12:00:00Z');
  return { now: () => ms, advance: (seconds: number) => { ms += seconds * 1000; } };
}

async function untilThrottled(send: () => Promise<RawResponse>): Promise<{ response: RawResponse; served: number }> {
  for (let served = 0; served < 100; served++) {
    const response = await send();
    if (response.status !== 200) return { response, served };
  }
  throw new Error('never throttled');
}

describe('throttling in memory', () => {
  const clock = manualClock();
  let gateway: Gateway;
  beforeAll(async () => {
    ({ gateway } = await startConfiguredGateway('throttle', BUCKET, { throttleClockMs: clock.now }));
  });
  afterAll(() => gateway.close());

  it('answers 429 THROTTLED with Retry-After once a key has spent its bucket, and the next request after it is served', async () => {
    const { response, served } = await untilThrottled(() => postQuery(gateway.url, KEYS.analyst, PLANS));
    expect(served).toBeGreaterThan(1);
    expect(response.status).toBe(429);
    expect(firstCode(response)).toBe('THROTTLED');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(response.body.extensions!.cost!.throttleStatus.currentlyAvailable).toBeLessThan(101);

    clock.advance(retryAfter);
    expect((await postQuery(gateway.url, KEYS.analyst, PLANS)).status).toBe(200);
  });

  it('keeps a separate bucket per key', async () => {
    await untilThrottled(() => postQuery(gateway.url, KEYS.analyst, PLANS));
    const other = await postQuery(gateway.url, KEYS.admin, PLANS);
    expect(other.status).toBe(200);
    expect(other.body.extensions!.cost!.throttleStatus.currentlyAvailable).toBeGreaterThan(200);
  });

  it('refunds what a query did not use', async () => {
    clock.advance(60);
    const response = await postQuery(gateway.url, KEYS.acme, '{ merchants(first: 100) { nodes { id } } }');
    const { actualQueryCost, requestedQueryCost, throttleStatus } = response.body.extensions!.cost!;
    expect(actualQueryCost).toBeLessThan(requestedQueryCost);
    expect(throttleStatus.currentlyAvailable).toBe(300 - actualQueryCost);
  });
});

describe('throttling through Redis', () => {
  const clock = manualClock();
  const env = { ...BUCKET, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `tenor-test:${randomUUID()}:` };
  let first: Gateway;
  let second: Gateway;
  beforeAll(async () => {
    ({ gateway: first } = await startConfiguredGateway('throttle_redis_a', env, { throttleClockMs: clock.now }));
    ({ gateway: second } = await startConfiguredGateway('throttle_redis_b', env, { throttleClockMs: clock.now }));
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('shares one budget per key between two gateways', async () => {
    const { served } = await untilThrottled(() => postQuery(first.url, KEYS.analyst, PLANS));
    expect(served).toBeGreaterThan(1);
    const elsewhere = await postQuery(second.url, KEYS.analyst, PLANS);
    expect(elsewhere.status).toBe(429);
    expect(firstCode(elsewhere)).toBe('THROTTLED');
    expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await postQuery(second.url, KEYS.admin, PLANS)).status).toBe(200);
  });

  it('refills the shared bucket by the clock', async () => {
    clock.advance(30);
    expect((await postQuery(second.url, KEYS.analyst, PLANS)).status).toBe(200);
  });
});
