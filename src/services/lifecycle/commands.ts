import { Plan, Repayment } from '../../../entities';
import type { RequestDeadline } from '../../db/deadline';
import { partnerScope, Viewer } from '../../auth/viewer';
import { cancelApplicationInTx, CreateApplicationInput, createApplicationInTx } from './application.service';
import type { LendingPolicy } from '../lending-policy';
import { CommandContext, commandContext } from './command-context';
import type { CommandRunner, Outcome, UnitOfWork } from './command-runner';
import {
  acceptOfferInTx, capturePlanInTx, PlanResult, recordRepaymentInTx, refundPlanInTx, refuseMissingPlan,
  reverseRepaymentInTx, voidPlanInTx,
} from './plan.service';
import { MoneyInputValue } from './inputs';
import { refuse } from './user-error';

export interface Caller {
  viewer: Viewer;
  requestId: string;
  now: Date;
  /** The request's deadline: bounds the wait for the plan's turn, lock retries and the transaction. */
  deadline?: RequestDeadline;
}

/** Ids the client sent, already decoded by the API layer (null: not an id of the right type). */
type Id = number | null;

/** The exactly-once entry points of the lifecycle, each run by the command runner: its lane, its idempotency record, one unit of work. */
export class LifecycleCommands {
  constructor(private readonly runner: CommandRunner, private readonly policy: LendingPolicy) {}

  /** `lane`: the plan the command changes, once the caller is known to see it (onPlan); its writers take turns. */
  private run<T>(caller: Caller, operation: string, idempotencyKey: string, rawInput: unknown,
    work: (uow: UnitOfWork, ctx: CommandContext) => Promise<T>, lane: Id = null): Promise<Outcome<T>> {
    const ctx = commandContext(this.policy, caller.now, {
      partnerId: partnerScope(caller.viewer), apiKeyId: caller.viewer.apiKeyId, requestId: caller.requestId,
    });
    return this.runner.command({
      apiKeyId: caller.viewer.apiKeyId, operation, idempotencyKey, input: rawInput, now: caller.now, deadline: caller.deadline, lane,
    }, (uow) => work(uow, ctx));
  }

  createApplication(caller: Caller, key: string, raw: unknown, input: Omit<CreateApplicationInput, 'merchantId'> & { merchantId: Id }) {
    return this.run(caller, 'createApplication', key, raw, async (uow, ctx) =>
      createApplicationInTx(uow, ctx, { ...input, merchantId: idOrRefuse(input.merchantId, 'merchantId') }));
  }

  cancelApplication(caller: Caller, key: string, raw: unknown, input: { applicationId: Id }) {
    return this.run(caller, 'cancelApplication', key, raw, (uow, ctx) =>
      cancelApplicationInTx(uow, ctx, { applicationId: idOrRefuse(input.applicationId, 'applicationId') }));
  }

  acceptOffer(caller: Caller, key: string, raw: unknown, input: { applicationId: Id; offerId: Id }): Promise<Outcome<PlanResult>> {
    return this.run(caller, 'acceptOffer', key, raw, (uow, ctx) => acceptOfferInTx(uow, ctx, {
      applicationId: idOrRefuse(input.applicationId, 'applicationId'), offerId: idOrRefuse(input.offerId, 'offerId'),
    }));
  }

  capturePlan(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount?: MoneyInputValue | null }) {
    return this.onPlan(caller, 'capturePlan', key, raw, input.planId, (uow, ctx, planId) => capturePlanInTx(uow, ctx, { ...input, planId }));
  }

  voidPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id }) {
    return this.onPlan(caller, 'voidPlan', key, raw, input.planId, (uow, ctx, planId) => voidPlanInTx(uow, ctx, { planId }));
  }

  refundPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; reason?: string | null }) {
    return this.onPlan(caller, 'refundPlan', key, raw, input.planId, (uow, ctx, planId) => refundPlanInTx(uow, ctx, { ...input, planId }));
  }

  recordRepayment(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; effectiveDate?: string | null }) {
    return this.onPlan(caller, 'recordRepayment', key, raw, input.planId, (uow, ctx, planId) => recordRepaymentInTx(uow, ctx, { ...input, planId }));
  }

  /**
   * The input names a repayment, not its plan: one scoped point read finds the plan's lane first, so
   * a burst of reversals on a hot plan queues like its payments do, and another partner's repayment
   * takes no turn. The read decides the lane only; the transaction reads the repayment again, scoped,
   * and refuses one it cannot see before it touches any plan.
   */
  async reverseRepayment(caller: Caller, key: string, raw: unknown, input: { repaymentId: Id; reason?: string | null }) {
    const [repayment] = input.repaymentId === null ? [null]
      : await this.runner.db.repositories.reads.byIds(Repayment, [input.repaymentId], partnerScope(caller.viewer));
    return this.run(caller, 'reverseRepayment', key, raw, (uow, ctx) =>
      reverseRepaymentInTx(uow, ctx, { ...input, repaymentId: idOrRefuse(input.repaymentId, 'repaymentId') }), repayment?.planId ?? null);
  }

  /**
   * A command on the plan its input names, in that plan's lane (plan-writers.ts), once the caller is
   * known to see the plan. An id of another partner's plan, or of none, takes no lane, so a flood of
   * them cannot keep the plan's own partner out (#25); it is refused in the transaction as before,
   * after the idempotency record, but without touching the plan's row (on MySQL even a scoped
   * FOR UPDATE waits for the owner's lock on it).
   */
  private async onPlan<T>(caller: Caller, operation: string, idempotencyKey: string, rawInput: unknown, planId: Id,
    work: (uow: UnitOfWork, ctx: CommandContext, planId: number) => Promise<T>): Promise<Outcome<T>> {
    const lane = await this.visiblePlan(caller, planId);
    return this.run(caller, operation, idempotencyKey, rawInput, (uow, ctx) => work(uow, ctx, lane ?? refuseUnseenPlan(planId)), lane);
  }

  /** `planId` when the caller may see that plan: one scoped point read (ADMIN sees every plan, so none), else null. */
  private async visiblePlan(caller: Caller, planId: Id): Promise<number | null> {
    const partnerId = partnerScope(caller.viewer);
    if (planId === null || partnerId === null) return planId;
    const [plan] = await this.runner.db.repositories.reads.byIds(Plan, [planId], partnerId);
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

