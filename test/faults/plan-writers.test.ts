import { RequestDeadline } from '../../src/db/deadline';
import { ServiceFault } from '../../src/db/faults';
import { PlanWriters } from '../../src/services/lifecycle/plan-writers';

/** A write that finishes when the test says so. */
function heldWrite() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  return { work: () => done, finish };
}

describe(PlanWriters.name, () => {
  it('runs writers of one plan one after another, in arrival order', async () => {
    const writers = new PlanWriters(4);
    const order: string[] = [];
    const first = heldWrite();
    const a = writers.run(1, async () => { order.push('a starts'); await first.work(); order.push('a ends'); });
    const b = writers.run(1, async () => { order.push('b starts'); });
    await Promise.resolve();
    expect(order).toEqual(['a starts']);
    first.finish();
    await Promise.all([a, b]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('does not make writers of different plans wait for each other', async () => {
    const writers = new PlanWriters(4);
    const held = heldWrite();
    const blocked = writers.run(1, held.work);
    await expect(writers.run(2, async () => 'other plan')).resolves.toBe('other plan');
    held.finish();
    await blocked;
  });

  it('refuses a writer beyond the queue with PLAN_BUSY', async () => {
    const writers = new PlanWriters(1);
    const held = heldWrite();
    const running = writers.run(1, held.work);
    const queued = writers.run(1, async () => 'queued');
    await expect(writers.run(1, async () => 'refused')).rejects.toMatchObject({ code: 'PLAN_BUSY' });
    held.finish();
    await expect(queued).resolves.toBe('queued');
    await running;
    expect(writers.busyPlans).toBe(0);
  });

  it('gives up waiting when the request deadline has passed, and leaves the queue', async () => {
    const writers = new PlanWriters(1);
    const held = heldWrite();
    const running = writers.run(1, held.work);
    const expired = new RequestDeadline(Date.now(), 0);
    const waiting = writers.run(1, async () => 'too late', expired);
    await expect(waiting).rejects.toBeInstanceOf(ServiceFault);
    const next = writers.run(1, async () => 'next'); // queued in the slot the expired waiter left, not refused
    held.finish();
    await running;
    await expect(next).resolves.toBe('next');
  });
});
