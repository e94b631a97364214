import type { Database } from '../../db/data-source';
import type { RequestDeadline } from '../../db/deadline';
import type { Repositories } from '../../db/repositories';
import { partnerScope, Viewer } from '../../auth/viewer';
import { cancelApplicationInTx, CreateApplicationInput, createApplicationInTx } from './application.service';
import { Outcome, runIdempotent } from './idempotency';
import type { LendingPolicy } from '../lending-policy';
import { CommandContext, commandContext } from './command-context';
import {
  acceptOfferInTx, capturePlanInTx, PlanResult, recordRepaymentInTx, refundPlanInTx,
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

  /** `planId`: the plan the command changes, when the input names it; its writers take turns (plan-writers.ts). */
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
    return this.run(caller, 'capturePlan', key, raw, (tx, ctx) =>
      capturePlanInTx(tx, ctx, { ...input, planId: idOrRefuse(input.planId, 'planId') }), input.planId);
  }

  voidPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id }) {
    return this.run(caller, 'voidPlan', key, raw, (tx, ctx) => voidPlanInTx(tx, ctx, { planId: idOrRefuse(input.planId, 'planId') }), input.planId);
  }

  refundPlan(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; reason?: string | null }) {
    return this.run(caller, 'refundPlan', key, raw, (tx, ctx) =>
      refundPlanInTx(tx, ctx, { ...input, planId: idOrRefuse(input.planId, 'planId') }), input.planId);
  }

  recordRepayment(caller: Caller, key: string, raw: unknown, input: { planId: Id; amount: MoneyInputValue; effectiveDate?: string | null }) {
    return this.run(caller, 'recordRepayment', key, raw, (tx, ctx) =>
      recordRepaymentInTx(tx, ctx, { ...input, planId: idOrRefuse(input.planId, 'planId') }), input.planId);
  }

  /**
   * The input names a repayment, not its plan: one point read finds the plan's lane first, so a
   * burst of reversals on a hot plan queues like its payments do. The read decides the lane only;
   * the transaction reads the repayment again, scoped, under the plan's lock.
   */
  async reverseRepayment(caller: Caller, key: string, raw: unknown, input: { repaymentId: Id; reason?: string | null }) {
    const lane = input.repaymentId === null ? null : (await this.db.repositories.books.repayment(input.repaymentId))?.planId ?? null;
    return this.run(caller, 'reverseRepayment', key, raw, (tx, ctx) =>
      reverseRepaymentInTx(tx, ctx, { ...input, repaymentId: idOrRefuse(input.repaymentId, 'repaymentId') }), lane);
  }
}

function idOrRefuse(id: Id, field: string): number {
  return id ?? refuse('NOT_FOUND', `No object with this ${field}`, ['input', field]);
}

export type { UserErrorValue };
