import { startTestGateway, TestGateway } from '../support/gateway';
import { flood, partnerRead } from '../support/unauthenticated-flood';

/**
 * Issue 12's flood, for what it must do: every hostile request is refused (401, or its connection
 * closed while it was still sending), and partners are answered all along. How much RSS and p99 it
 * costs is measured in npm run test:faults (test/faults/slow/unauthenticated-flood.test.ts).
 */
describe('64 unauthenticated clients sending 230 KB nested bodies', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('unauthenticated_flood');
  });
  afterAll(() => t?.close());

  it('are each refused, while partners\' requests are answered', async () => {
    let over = false;
    const { started, done } = flood(Number(new URL(t.url).port), 64, 4);
    const flooding = done.finally(() => {
      over = true;
    });
    await started;
    const answered: boolean[] = [];
    while (!over) answered.push(await partnerRead(t.url));
    const refusals = await flooding;

    expect(refusals.length).toBe(64 * 4);
    expect(refusals.filter((status) => status !== '' && status !== 'HTTP/1.1 401 Unauthorized')).toEqual([]);
    expect(refusals.some((status) => status === 'HTTP/1.1 401 Unauthorized')).toBe(true);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every(Boolean)).toBe(true);
  });
});
