import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { ConnectionArgs, NO_VALIDATION, toConnection, toPageRequest } from '../common/connection';
import { fromGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { DateScalar } from '../common/scalars';
import { Merchant } from '../merchant/merchant.type';
import { Application } from '../application/application.type';
import {
  Disclosure, Installment, Plan, PlanConnection, PlanConnectionArgs, PlanEvent, PlanEventConnection, PlanStatus,
  Refund, RepaymentConnection, Repayment,
} from './plan.type';
import { toMoney } from '../../src/services/money';
import { daysPastDue, formatRate, type Minor, outstandingBalance, planStatusAt } from '../../src/engine';
import { BadUserInputError } from '../common/errors';
import { payoffQuoteOf } from '../../src/services/ledger-args';
import { disclosureOf, recoveredOf } from '../../src/services/plan-view';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => Plan, { nullable: true })
  async plan(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Plan | null> {
    const parsed = fromGlobalId(id, 'Plan');
    const row = parsed && (await loaders.plan.load(parsed.id));
    return row ? Plan.from(row) : null;
  }

  @Query(() => PlanConnection, { description: 'Plans across every merchant the key may see, oldest first.' })
  async plans(@Args(NO_VALIDATION) args: PlanConnectionArgs, @Ctx() ctx: Context) {
    const page = await ctx.services.portfolio.plans(ctx.viewer, toPageRequest(args), args.status);
    return toConnection(page, Plan.from, () => ctx.services.portfolio.countPlans(ctx.viewer, args.status));
  }

  @FieldResolver(() => PlanStatus, { description: 'As of the server clock.' })
  async status(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanStatus> {
    const installments = await ctx.loaders.installmentsByPlan.load(plan.row.id);
    return planStatusAt(plan.row, installments, ctx, ctx.services.policy);
  }

  @FieldResolver(() => Merchant)
  async merchant(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Merchant> {
    return Merchant.from((await loaders.merchant.load(plan.row.merchantId))!);
  }

  @FieldResolver(() => Application)
  async application(@Root() plan: Plan, @Ctx() { loaders, viewer, now }: Context): Promise<Application> {
    return Application.from((await loaders.application.load(plan.row.applicationId))!, viewer, now);
  }

  @FieldResolver(() => [Installment])
  async installments(@Root() plan: Plan, @Ctx() { loaders, today }: Context): Promise<Installment[]> {
    return (await loaders.installmentsByPlan.load(plan.row.id)).map((row) => Installment.from(row, plan.row.currency, today));
  }

  @FieldResolver(() => Money, { description: 'Payments recorded after the plan was charged off (collections recoveries); zero for other plans.' })
  async recoveredAmount(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Money> {
    const repayments = plan.row.chargedOffAt === null ? [] : await loaders.repaymentsByPlan.load(plan.row.id);
    return toMoney(recoveredOf(plan.row, repayments), plan.row.currency);
  }

  @FieldResolver(() => RepaymentConnection)
  async repayments(@Root() plan: Plan, @Args(NO_VALIDATION) args: ConnectionArgs, @Ctx() { loaders }: Context) {
    const page = await loaders.repaymentsOfPlan.page(plan.row.id, toPageRequest(args));
    return toConnection(page, Repayment.from, () => loaders.repaymentsOfPlan.count(plan.row.id));
  }

  @FieldResolver(() => [Refund])
  async refunds(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Refund[]> {
    return (await loaders.refundsByPlan.load(plan.row.id)).map(Refund.from);
  }

  @FieldResolver(() => PlanEventConnection, { description: 'Audit trail of every change, oldest first.' })
  async events(@Root() plan: Plan, @Args(NO_VALIDATION) args: ConnectionArgs, @Ctx() { loaders }: Context) {
    const page = await loaders.eventsOfPlan.page(plan.row.id, toPageRequest(args));
    return toConnection(page, (row) => PlanEvent.from(row, plan.row.currency), () => loaders.eventsOfPlan.count(plan.row.id));
  }

  @FieldResolver(() => Money, { description: 'Sum over installments of amountDue - amountPaid.' })
  async balance(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Money> {
    return toMoney(outstandingBalance(await loaders.installmentsByPlan.load(plan.row.id)), plan.row.currency);
  }

  @FieldResolver(() => Money, { description: 'Amount that settles the plan on asOf (default: today): the repayment effective that day after which nothing is owed, every repayment and refund counted, those dated later included. Principal outstanding, unpaid interest of past periods, and interest accrued at APR/365 per day since the last due date (or capture), rounded half-up, all on the principal actually owed, plus cash later refunds handed back that is owed again; 0.00 when nothing is owed. A date on which no repayment settles the plan is refused: BAD_USER_INPUT on asOf, with extensions.userErrorCode the code recordRepayment answers that repayment.' })
  async payoffQuote(
    @Root() plan: Plan, @Ctx() { loaders, today }: Context,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<Money> {
    // No quote exists for a day before the loan did: the client's mistake, named as such (the engine
    // would refuse it as an impossible ledger date). Both are YYYY-MM-DD, so they compare as strings.
    if (asOf !== undefined && asOf !== null && plan.row.capturedOn && asOf < plan.row.capturedOn) {
      throw new BadUserInputError(`asOf ${asOf} is before the plan was captured (${plan.row.capturedOn})`, 'asOf');
    }
    const [repayments, refunds] = await Promise.all([loaders.repaymentsByPlan.load(plan.row.id), loaders.refundsByPlan.load(plan.row.id)]);
    const quote = payoffQuoteOf(plan.row, repayments, refunds, asOf ?? today);
    // No payment on asOf settles the plan: refused like any argument this plan cannot take, with the
    // code recordRepayment answers that payment beside it (docs/money.md, "The payoff quote").
    if ('refused' in quote) throw new GraphQLError(quote.refused.message, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'asOf', userErrorCode: quote.refused.code } });
    return toMoney(quote.amount, plan.row.currency);
  }

  @FieldResolver(() => Int, { description: 'Days since the oldest unpaid due date, as of the server clock.' })
  async daysPastDue(@Root() plan: Plan, @Ctx() { loaders, today }: Context): Promise<number> {
    return daysPastDue(await loaders.installmentsByPlan.load(plan.row.id), today);
  }

  @FieldResolver(() => Disclosure)
  disclosure(@Root() plan: Plan, @Ctx() { today }: Context): Disclosure {
    const d = disclosureOf(plan.row, today);
    const m = (minor: Minor) => toMoney(minor, plan.row.currency);
    return { amountFinanced: m(d.amountFinanced), financeCharge: m(d.financeCharge), totalOfPayments: m(d.totalOfPayments), apr: formatRate(d.aprBps) };
  }
}
