import { Args, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { ConnectionArgs, NO_VALIDATION, toConnection, toPageRequest } from '../common/connection';
import { fromGlobalId } from '../common/global-id';
import { FinancingProgram, Merchant, MerchantConnection } from './merchant.type';
import { Application, ApplicationConnection, ApplicationConnectionArgs } from '../application/application.type';
import { Plan, PlanConnection, PlanConnectionArgs } from '../plan/plan.type';

@Resolver(() => Merchant)
export class MerchantResolver {
  @Query(() => MerchantConnection, { description: 'The merchants the key may see: its partner\'s, or all for analysts and admins.' })
  async merchants(@Args(NO_VALIDATION) args: ConnectionArgs, @Ctx() ctx: Context) {
    const page = await ctx.services.portfolio.merchants(ctx.viewer, toPageRequest(args));
    return toConnection(page, Merchant.from, () => ctx.services.portfolio.countMerchants(ctx.viewer));
  }

  @Query(() => Merchant, { nullable: true })
  async merchant(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Merchant | null> {
    const parsed = fromGlobalId(id, 'Merchant');
    const row = parsed && (await loaders.merchant.load(parsed.id));
    return row ? Merchant.from(row) : null;
  }

  @FieldResolver(() => [FinancingProgram])
  async programs(@Root() merchant: Merchant, @Ctx() { loaders }: Context): Promise<FinancingProgram[]> {
    return (await loaders.programsByMerchant.load(merchant.rowId)).map(FinancingProgram.from);
  }

  @FieldResolver(() => PlanConnection)
  async plans(@Root() merchant: Merchant, @Args(NO_VALIDATION) args: PlanConnectionArgs, @Ctx() { loaders }: Context) {
    const filter = { status: args.status };
    const page = await loaders.plansOfMerchant.page(merchant.rowId, toPageRequest(args), filter);
    return toConnection(page, Plan.from, () => loaders.plansOfMerchant.count(merchant.rowId, filter));
  }

  @FieldResolver(() => ApplicationConnection)
  async applications(@Root() merchant: Merchant, @Args(NO_VALIDATION) args: ApplicationConnectionArgs, @Ctx() { loaders, viewer, now }: Context) {
    const filter = { status: args.status };
    const page = await loaders.applicationsOfMerchant.page(merchant.rowId, toPageRequest(args), filter);
    return toConnection(page, (row) => Application.from(row, viewer, now), () => loaders.applicationsOfMerchant.count(merchant.rowId, filter));
  }
}
