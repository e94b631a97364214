import type { RequestDeadline } from '../../db/deadline';
import { ServiceFault } from '../../db/faults';

/** Writers of one plan: who holds its turn, and who waits for it in arrival order. */
interface Lane { waiting: Array<() => void> }

/** Generous: waiters hold no connection, and bursts of parallel payments on one plan are normal. */
export const DEFAULT_PLAN_WRITE_QUEUE = 32;

/**
 * Writes to one plan lock the same row, so running them side by side only parks pool connections
 * on the lock. In this process one writer per plan holds a connection at a time; up to `maxWaiting`
 * more wait here without one (for at most their deadline), and beyond that the request is refused
 * with PLAN_BUSY. A hot plan thus costs one pool connection, never the whole pool. A lane is only
 * ever taken for a plan the requester can see (commands.ts): ids a client merely sends must not let
 * it fill another partner's queue.
 */
export class PlanWriters {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly maxWaiting: number = DEFAULT_PLAN_WRITE_QUEUE) {}

  async run<T>(planId: number | null, work: () => Promise<T>, deadline?: RequestDeadline): Promise<T> {
    if (planId === null) return work();
    const lane = this.lanes.get(planId);
    if (!lane) this.lanes.set(planId, { waiting: [] });
    else await this.waitForTurn(lane, deadline);
    try {
      return await work();
    } finally {
      this.pass(planId);
    }
  }

  /** Plans with a writer in this process (the fault tests look at it). */
  get busyPlans(): number {
    return this.lanes.size;
  }

  private waitForTurn(lane: Lane, deadline: RequestDeadline | undefined): Promise<void> {
    if (lane.waiting.length >= this.maxWaiting) throw new ServiceFault('PLAN_BUSY');
    let turn!: () => void;
    const granted = new Promise<void>((resolve) => {
      turn = resolve;
    });
    lane.waiting.push(turn);
    return deadline ? deadline.race(granted, () => lane.waiting.splice(lane.waiting.indexOf(turn), 1)) : granted;
  }

  /** Hands the turn to the next waiter, or frees the plan. */
  private pass(planId: number): void {
    const lane = this.lanes.get(planId)!;
    const next = lane.waiting.shift();
    if (next) next();
    else this.lanes.delete(planId);
  }
}
