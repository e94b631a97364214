import fs from 'node:fs';
import { gatewayForSuite } from '../../support/role-process';
import { flood, partnerRead } from '../../support/unauthenticated-flood';
import { recordFigure } from '../support/figures';

const ATTACKERS = 64;
const ROUNDS_PER_ATTACKER = 4;
const PROBES = 200;

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/**
 * What issue 12's flood costs (test/api/unauthenticated-flood.test.ts proves what is refused): the
 * gateway in its own process, so its RSS is its own, and a partner's latency meanwhile against the
 * same client's without the flood.
 */
describe('64 unauthenticated clients sending 230 KB nested bodies', () => {
  const suite = gatewayForSuite({ LOG_LEVEL: 'info' });

  /** One partner read, timed; it must be answered. */
  const probe = async () => {
    const started = performance.now();
    expect(await partnerRead(suite.url())).toBe(true);
    return performance.now() - started;
  };
  /** `count` probes one after another, sorted by latency. */
  const probes = async (count: number) => {
    const latencies: number[] = [];
    for (let i = 0; i < count; i++) latencies.push(await probe());
    return latencies.sort((a, b) => a - b);
  };

  it('cost the gateway under 100 MB of RSS and add under 100 ms to other clients\' p99', async () => {
    await probes(50); // warm: compiled operation, key lookup, JIT
    const quietBefore = await probes(PROBES);
    const pid = suite.process().child.pid!;
    const rssBefore = rssBytes(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssBytes(pid));
    }, 20);

    // A fixed flood (ATTACKERS x ROUNDS_PER_ATTACKER bodies, 64 in flight at any time), and probes from
    // its start until it is over (at least PROBES of them): a slow gateway is measured as long as it is slow.
    let over = false;
    const { started, done } = flood(Number(new URL(suite.url()).port), ATTACKERS, ROUNDS_PER_ATTACKER);
    const flooding = done.finally(() => {
      over = true;
    });
    await started;
    const latencies: number[] = [];
    while (latencies.length < PROBES || !over) latencies.push(await probe());
    const statuses = await flooding;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssBytes(pid));
    // The machine's own load drifts (CI boxes are shared): the quiet baseline is the worse of before and after.
    const quietAfter = await probes(PROBES);
    const quietP99 = Math.max(percentile(quietBefore, 0.99), percentile(quietAfter, 0.99));

    latencies.sort((a, b) => a - b);
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;
    recordFigure('unauthenticated-flood', 'rss-growth-mb', growthMb);
    recordFigure('unauthenticated-flood', 'p99-ms', percentile(latencies, 0.99));
    recordFigure('unauthenticated-flood', 'quiet-p99-ms', quietP99);
    expect(statuses.every((s) => s === '' || s === 'HTTP/1.1 401 Unauthorized')).toBe(true);
    expect(growthMb).toBeLessThan(100);
    // 100 ms over what this machine gives the same client without the flood: on a quiet machine (p99
    // a few ms) that is issue 12's "p99 under 100 ms"; on a loaded CI box the quiet p99 alone can be
    // tens of ms, and only the flood's share is ours to bound.
    expect(percentile(latencies, 0.99)).toBeLessThan(100 + quietP99);
  }, 120_000);
});
