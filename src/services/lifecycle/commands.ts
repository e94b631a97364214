import { Plan, Repayment } from '../../../entities';
import type { Database } from '../../db/data-source';
import type { RequestDeadline } from '../../db/deadline';
import type { Repositories } from '../../db/repositories';
import { partnerScope, Viewer } from '../../auth/viewer';
import { cancelApplicationInTx, CreateApplicationInput, createApplicationInTx } from './application.service';
import { Outcome, runIdempotent } from './idempotency';
import type { LendingPolicy } from '../lending-policy';
import { CommandContext, commandContext } from './command-context';
import {
  acceptOfferInTx, capturePlanInTx, PlanResult, recordRepaymentInTx, refundPlanInTx, refuseMissingPlan,
  reverseRepaymentInTx, voidPlanInTx,
} from './plan.service';
import { MoneyInputValue } from './inputs';
import { PlanWriters } from './plan-writers';
import { refuse, UserErrorValue } from './user-error';

export interface Caller {
  viewer: Viewer;
  requestId: string;
  now: Date;
  /** The request's deadline: bounds the wait for the plan's turn, lock retries and the transaction. */
  deadline?: RequestDeadline;
}

/** Ids the client sent, already decoded by the API layer (null: not an id of the right type). */
type Id = number | null;

/** The exactly-once entry points of the lifecycle: one transaction and one idempotency record each. */
export class LifecycleCommands {
  private readonly planWriters: PlanWriters;

  constructor(private readonly db: Database, private readonly policy: LendingPolicy, options: { planWriteQueue?: number } = {}) {
    this.planWriters = new PlanWriters(options.planWriteQueue);
  }

  /** `planId`: the plan the command changes, once the caller is known to see it; its writers take turns (plan-writers.ts). */
  private run<T>(caller: Caller, operation: string, idempotencyKey: string, rawInput: unknown,
    work: (tx: Repositories, ctx: CommandContext) => Promise<T>, planId: Id = null): Promise<Outcome<T>> {
    const ctx = commandContext(this.db, this.policy, caller.now, {
      partnerId: partnerScope(caller.viewer), apiKeyId: caller.viewer.apiKeyId, requestId: caller.requestId,
    });
    return this.planWriters.run(planId, () => runIdempotent(this.db, {
      apiKeyId: caller.viewer.apiKeyId, operation, idempotencyKey, input: rawInput, now: caller.now, deadline: caller.deadline,
    }, (tx) => work(tx, ctx)), caller.deadline);
  }

  createApplication(caller: Caller, key: string, raw: unknown, input: Omit<CreateApplicationInput, 'merchantId'> & { merchantId: Id }) {
    return this.run(caller, 'createApplication', key, raw, async (tx, ctx) =>
      createApplicationInTx(tx, ctx, { ...input, merchantId: idOrRefuse(input.merchantId, 'merchantId') }));
  }

  cancelApplication(caller: Caller, key: string, raw: unknown, input: { applicationId: Id }) {
    return this.run(caller, 'cancelApplication', key, raw, (tx, ctx) =>
      cancelApplicationInTx(tx, ctx, { applicationId: idOrRefuse(input.applicationId, 'applicationId') }));
  }

  acceptOffer(caller: Caller, key: string, raw: unknown, input: { applicationId: Id; offerId: Id }): Promise<Outcome<PlanResult>> {
    return this.run(caller, 'acceptOffer', key, raw, (tx, ctx) => acceptOfferInTx(tx, ctx, {
      applicationId: idOrRefuse(input.applicationId, 'applicationId'), offerId: idOrRefuse(input.offerId, 'offerId'),
    }));
  }

  capturePlan(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount?: MoneyInputValue | null }) {
    return this.onPlan(caller, 'capturePlan', key, raw, input.planId, (tx, ctx, planId) => capturePlanInTx(tx, ctx, { ...input, planId }));
  }

  voidPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id }) {
    return this.onPlan(caller, 'voidPlan', key, raw, input.planId, (tx, ctx, planId) => voidPlanInTx(tx, ctx, { planId }));
  }

  refundPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; reason?: string | null }) {
    return this.onPlan(caller, 'refundPlan', key, raw, input.planId, (tx, ctx, planId) => refundPlanInTx(tx, ctx, { ...input, planId }));
  }

  recordRepayment(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; effectiveDate?: string | null }) {
    return this.onPlan(caller, 'recordRepayment', key, raw, input.planId, (tx, ctx, planId) => recordRepaymentInTx(tx, ctx, { ...input, planId }));
  }

  /**
   * The input names a repayment, not its plan: one scoped point read finds the plan's lane first, so
   * a burst of reversals on a hot plan queues like its payments do, and another partner's repayment
   * takes no turn. The read decides the lane only; the transaction reads the repayment again, scoped,
   * and refuses one it cannot see before it touches any plan.
   */
  async reverseRepayment(caller: Caller, key: string, raw: unknown, input: { repaymentId: Id; reason?: string | null }) {
    const [repayment] = input.repaymentId === null ? [null]
      : await this.db.repositories.reads.byIds(Repayment, [input.repaymentId], partnerScope(caller.viewer));
    return this.run(caller, 'reverseRepayment', key, raw, (tx, ctx) =>
      reverseRepaymentInTx(tx, ctx, { ...input, repaymentId: idOrRefuse(input.repaymentId, 'repaymentId') }), repayment?.planId ?? null);
  }

  /**
   * A command on the plan its input names, in that plan's lane (plan-writers.ts), once the caller is
   * known to see the plan. An id of another partner's plan, or of none, takes no lane, so a flood of
   * them cannot keep the plan's own partner out (#25); it is refused in the transaction as before,
   * after the idempotency record, but without touching the plan's row (on MySQL even a scoped
   * FOR UPDATE waits for the owner's lock on it).
   */
  private async onPlan<T>(caller: Caller, operation: string, idempotencyKey: string, rawInput: unknown, planId: Id,
    work: (tx: Repositories, ctx: CommandContext, planId: number) => Promise<T>): Promise<Outcome<T>> {
    const lane = await this.visiblePlan(caller, planId);
    return this.run(caller, operation, idempotencyKey, rawInput, (tx, ctx) => work(tx, ctx, lane ?? refuseUnseenPlan(planId)), lane);
  }

  /** `planId` when the caller may see that plan: one scoped point read (ADMIN sees every plan, so none), else null. */
  private async visiblePlan(caller: Caller, planId: Id): Promise<number | null> {
    const partnerId = partnerScope(caller.viewer);
    if (planId === null || partnerId === null) return planId;
    const [plan] = await this.db.repositories.reads.byIds(Plan, [planId], partnerId);
    return plan ? planId : null;
  }
}

function idOrRefuse(id: Id, field: string): number {
  return id ?? refuse('NOT_FOUND', `No object with this ${field}`, ['input', field]);
}

/** A plan id naming nothing the caller may see: malformed like any id, else exactly like a missing plan. */
function refuseUnseenPlan(planId: Id): never {
  idOrRefuse(planId, 'planId');
  return refuseMissingPlan(['input', 'planId']);
}

export type { UserErrorValue };
