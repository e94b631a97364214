import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import { fromEstimateId, fromGlobalId } from '../common/global-id';
import { Node } from '../common/node.interface';
import type { CurrencyCode } from '../common/money.type';
import { MAX_PAGE_SIZE } from '../common/connection';
import { FinancingProgram, Merchant } from '../merchant/merchant.type';
import { Application, storedOffer } from '../application/application.type';
import { estimateById } from '../application/estimates.resolver';
import { ApiKey } from '../admin/admin.type';
import { Installment, Plan, PlanEvent, Refund, Repayment } from '../plan/plan.type';
import { Partner } from '../viewer/viewer.type';

/**
 * Routes a global id to its type's scoped loader. Unknown, malformed and other partners' ids all
 * resolve to null, so callers cannot tell them apart.
 */
async function loadNode(globalId: string, ctx: Context): Promise<Node | null> {
  const parsed = fromGlobalId(globalId);
  if (!parsed) {
    const estimate = fromEstimateId(globalId);
    return estimate && estimateById(estimate, globalId, ctx);
  }
  const { loaders, viewer, now } = ctx;
  switch (parsed.type) {
    case 'Partner': {
      if (viewer.partnerId !== null && viewer.partnerId !== parsed.id) return null;
      const row = await loaders.partner.load(parsed.id);
      return row && Partner.from(row);
    }
    case 'Merchant': {
      const row = await loaders.merchant.load(parsed.id);
      return row && Merchant.from(row);
    }
    case 'FinancingProgram': {
      const row = await loaders.program.load(parsed.id);
      return row && FinancingProgram.from(row);
    }
    case 'Application': {
      const row = await loaders.application.load(parsed.id);
      return row && Application.from(row, viewer, now);
    }
    case 'Offer': {
      const row = await loaders.offer.load(parsed.id);
      const application = row && (await loaders.application.load(row.applicationId));
      return application && storedOffer(row!, application, ctx.services.policy.timeZone);
    }
    case 'ApiKey': {
      // Keys are platform administration, not portfolio data: analysts (read-only portfolio) see none.
      if (viewer.role === 'ANALYST') return null;
      const row = await loaders.apiKey.load(parsed.id);
      return row && ApiKey.from(row);
    }
    case 'Plan': {
      const row = await loaders.plan.load(parsed.id);
      return row && Plan.from(row);
    }
    case 'Installment':
      return withPlanCurrency(await loaders.installment.load(parsed.id), ctx, (row, currency) => Installment.from(row, currency, ctx.today));
    case 'PlanEvent':
      return withPlanCurrency(await loaders.planEvent.load(parsed.id), ctx, PlanEvent.from);
    case 'Repayment': {
      const row = await loaders.repayment.load(parsed.id);
      return row && Repayment.from(row);
    }
    case 'Refund': {
      const row = await loaders.refund.load(parsed.id);
      return row && Refund.from(row);
    }
    default:
      return null;
  }
}

async function withPlanCurrency<R extends { planId: number }>(
  row: R | null, { loaders }: Context, map: (row: R, currency: CurrencyCode) => Node,
): Promise<Node | null> {
  const plan = row && (await loaders.plan.load(row.planId));
  return plan ? map(row!, plan.currency) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist or is not yours.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(id, ctx);
  }

  @Query(() => [Node], { nullable: 'items', description: `Up to ${MAX_PAGE_SIZE} objects by global id, in order; null for each that does not exist or is not yours.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw new BadUserInputError(`nodes takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`, 'ids');
    return Promise.all(ids.map((id) => loadNode(id, ctx)));
  }
}
