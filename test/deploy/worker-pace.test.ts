import { sweepStatuses } from '../../src/services/lifecycle/status-sweep';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { SweepStopped, workerPace } from '../../src/server/worker-pace';
import { startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';

/** A sleep that records what it was asked to wait and returns at once (no test waits for time). */
function recordingSleep() {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms: number) => { pauses.push(ms); } };
}

describe(workerPace.name, () => {
  it('pauses for the rest of the duty cycle after each batch and renews the lease', async () => {
    const { pauses, sleep } = recordingSleep();
    let renewals = 0;
    const pace = workerPace(0.25, async () => { renewals += 1; return true; }, { sleep });
    await pace(100);
    await pace(40);
    expect(pauses).toEqual([300, 120]);
    expect(renewals).toBe(2);
  });

  it('does not pause at a duty cycle of 100%', async () => {
    const { pauses, sleep } = recordingSleep();
    await workerPace(1, async () => true, { sleep })(250);
    expect(pauses).toEqual([]);
  });

  it('stops the sweep when the lease was lost meanwhile', async () => {
    const { sleep } = recordingSleep();
    await expect(workerPace(0.5, async () => false, { sleep })(10)).rejects.toMatchObject({ reason: 'lease lost' });
  });

  it('stops the sweep at the next batch once the worker is shutting down, without pausing or renewing', async () => {
    const { pauses, sleep } = recordingSleep();
    let renewals = 0;
    const pace = workerPace(0.5, async () => { renewals += 1; return true; }, { sleep, stopping: () => true });
    await expect(pace(100)).rejects.toEqual(new SweepStopped('shutting down'));
    expect({ pauses, renewals }).toEqual({ pauses: [], renewals: 0 });
  });
});

describe('a paced sweep', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('worker_pace', { now: '2027-03-01T12:00:00Z' });
  });
  afterAll(() => t.close());

  it('is paced between its batches only, and a lost lease ends it with every batch before committed whole', async () => {
    // Months later, many of the seeded plans change status: in batches of one plan, paced between them.
    const later = new Date('2027-09-01T12:00:00Z');
    const calls: number[] = [];
    let allowed = 3;
    const pace = async (batchMs: number) => {
      calls.push(batchMs);
      if (--allowed === 0) throw new SweepStopped('lease lost');
    };
    await expect(sweepStatuses(t.gateway.runner, later, DEFAULT_LENDING_POLICY, 1, pace)).rejects.toBeInstanceOf(SweepStopped);
    expect(calls).toHaveLength(3);
    expect(calls.every((ms) => ms >= 0)).toBe(true);
    expect(await bookProblems(t.gateway.db)).toEqual([]);
    // The next holder finishes what is left, unpaced, and finds nothing left after that.
    expect(await sweepStatuses(t.gateway.runner, later, DEFAULT_LENDING_POLICY)).toBeGreaterThan(0);
    expect(await sweepStatuses(t.gateway.runner, later, DEFAULT_LENDING_POLICY, 1, async () => { throw new Error('nothing is due: no batch, no pause'); })).toBe(0);
  });
});
