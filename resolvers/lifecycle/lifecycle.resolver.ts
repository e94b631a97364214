import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { fromGlobalId } from '../common/global-id';
import { requireWriter } from '../common/require-role';
import { toUserErrors } from '../common/user-error.type';
import { Application } from '../application/application.type';
import { Plan, Refund, Repayment } from '../plan/plan.type';
import type { PlanResult } from '../../src/services/lifecycle/plan.service';
import type { Outcome } from '../../src/services/lifecycle/command-runner';
import { primeApplication, primeLoaders } from './prime-loaders';
import {
  AcceptOfferInput, CancelApplicationInput, CapturePlanInput, CreateApplicationInput, RecordRepaymentInput, RefundPlanInput, ReverseRepaymentInput,
  VoidPlanInput,
} from './lifecycle.input';
import {
  AcceptOfferPayload, CancelApplicationPayload, CapturePlanPayload, CreateApplicationPayload, RecordRepaymentPayload, RefundPlanPayload,
  ReverseRepaymentPayload, VoidPlanPayload,
} from './lifecycle.payload';

const idOf = (globalId: string, type: string) => fromGlobalId(globalId, type)?.id ?? null;

/** What the idempotency hash covers: the input as sent, without the key itself. */
const rawInput = ({ idempotencyKey: _key, ...rest }: { idempotencyKey: string }) => rest;

function caller(ctx: Context) {
  requireWriter(ctx);
  return { viewer: ctx.viewer, requestId: ctx.requestId, now: ctx.now, deadline: ctx.deadline };
}

/** Loads what a plan mutation touched, through the viewer's scoped loaders. */
async function planPayload(ctx: Context, outcome: Outcome<PlanResult>) {
  const { result } = outcome;
  if (result?.snapshot) primeLoaders(ctx.loaders, result.snapshot);
  const [plan, repayment, refund] = await Promise.all([
    result ? ctx.loaders.plan.load(result.planId) : null,
    result?.repaymentId ? ctx.loaders.repayment.load(result.repaymentId) : null,
    result?.refundId ? ctx.loaders.refund.load(result.refundId) : null,
  ]);
  return {
    plan: plan && Plan.from(plan),
    repayment: repayment && Repayment.from(repayment),
    refund: refund && Refund.from(refund),
    userErrors: toUserErrors(outcome.userErrors),
  };
}

@Resolver()
export class LifecycleResolver {
  @Mutation(() => CreateApplicationPayload, { description: 'Applies for financing at checkout and decides instantly.' })
  async createApplication(@Arg('input') input: CreateApplicationInput, @Ctx() ctx: Context): Promise<CreateApplicationPayload> {
    const outcome = await ctx.services.lifecycle.createApplication(caller(ctx), input.idempotencyKey, rawInput(input), {
      merchantId: idOf(input.merchantId, 'Merchant'), amount: input.amount, applicant: input.applicant,
    });
    if (outcome.result?.snapshot) primeApplication(ctx.loaders, outcome.result.snapshot);
    const row = outcome.result && (await ctx.loaders.application.load(outcome.result.applicationId));
    return {
      application: row ? Application.from(row, ctx.viewer, ctx.now) : null,
      userErrors: toUserErrors([...outcome.userErrors, ...(outcome.result?.userErrors ?? [])]),
    };
  }

  @Mutation(() => CancelApplicationPayload, { description: 'Cancels an APPROVED application (e.g. the shopper left checkout); its offers can no longer be accepted.' })
  async cancelApplication(@Arg('input') input: CancelApplicationInput, @Ctx() ctx: Context): Promise<CancelApplicationPayload> {
    const outcome = await ctx.services.lifecycle.cancelApplication(caller(ctx), input.idempotencyKey, rawInput(input), {
      applicationId: idOf(input.applicationId, 'Application'),
    });
    const row = outcome.result && (await ctx.loaders.application.load(outcome.result.applicationId));
    return { application: row ? Application.from(row, ctx.viewer, ctx.now) : null, userErrors: toUserErrors(outcome.userErrors) };
  }

  @Mutation(() => AcceptOfferPayload, { description: 'Accepts an offer: creates an AUTHORIZED plan (valid 30 days).' })
  async acceptOffer(@Arg('input') input: AcceptOfferInput, @Ctx() ctx: Context): Promise<AcceptOfferPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.acceptOffer(caller(ctx), input.idempotencyKey, rawInput(input), {
      applicationId: idOf(input.applicationId, 'Application'), offerId: idOf(input.offerId, 'Offer'),
    }));
  }

  @Mutation(() => CapturePlanPayload, { description: 'Captures when goods ship; the schedule starts today.' })
  async capturePlan(@Arg('input') input: CapturePlanInput, @Ctx() ctx: Context): Promise<CapturePlanPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.capturePlan(caller(ctx), input.idempotencyKey, rawInput(input), {
      planId: idOf(input.planId, 'Plan'), amount: input.amount,
    }));
  }

  @Mutation(() => VoidPlanPayload, { description: 'Cancels an authorization before capture.' })
  async voidPlan(@Arg('input') input: VoidPlanInput, @Ctx() ctx: Context): Promise<VoidPlanPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.voidPlan(caller(ctx), input.idempotencyKey, rawInput(input), {
      planId: idOf(input.planId, 'Plan'),
    }));
  }

  @Mutation(() => RefundPlanPayload, { description: 'Merchant refund: reduces what the shopper owes from the last installment backwards.' })
  async refundPlan(@Arg('input') input: RefundPlanInput, @Ctx() ctx: Context): Promise<RefundPlanPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.refundPlan(caller(ctx), input.idempotencyKey, rawInput(input), {
      planId: idOf(input.planId, 'Plan'), amount: input.amount, reason: input.reason,
    }));
  }

  @Mutation(() => RecordRepaymentPayload, { description: 'Records a shopper payment: oldest installment first, interest before principal.' })
  async recordRepayment(@Arg('input') input: RecordRepaymentInput, @Ctx() ctx: Context): Promise<RecordRepaymentPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.recordRepayment(caller(ctx), input.idempotencyKey, rawInput(input), {
      planId: idOf(input.planId, 'Plan'), amount: input.amount, effectiveDate: input.effectiveDate,
    }));
  }

  @Mutation(() => ReverseRepaymentPayload, { description: 'Reverses a returned payment; later payments are re-allocated as if it never happened.' })
  async reverseRepayment(@Arg('input') input: ReverseRepaymentInput, @Ctx() ctx: Context): Promise<ReverseRepaymentPayload> {
    return planPayload(ctx, await ctx.services.lifecycle.reverseRepayment(caller(ctx), input.idempotencyKey, rawInput(input), {
      repaymentId: idOf(input.repaymentId, 'Repayment'), reason: input.reason,
    }));
  }
}
