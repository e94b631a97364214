import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import { fromGlobalId } from '../common/global-id';
import { MoneyInput } from '../common/money.type';
import { toGlobalId } from '../common/global-id';
import { ProgramKind } from '../merchant/merchant.type';
import { Offer } from './application.type';
import { toScheduledPayments } from './application.resolver';
import { toMoney } from '../../src/services/money';
import { MutationRefused } from '../../src/services/lifecycle/user-error';

@Resolver()
export class EstimatesResolver {
  @Query(() => [Offer], { description: '"As low as $X/month" messaging: what each of the merchant\'s programs would offer for this amount. Nothing is stored; ids are not accepted by acceptOffer.' })
  async paymentEstimates(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('amount', () => MoneyInput) amount: MoneyInput,
    @Ctx() ctx: Context,
  ): Promise<Offer[]> {
    try {
      const estimates = await ctx.services.paymentEstimates(ctx.viewer, ctx.now, fromGlobalId(merchantId, 'Merchant')?.id ?? null, amount);
      return estimates.offers.map(({ programId, offer }) => ({
        id: toGlobalId('Estimate', programId), kind: offer.kind as ProgramKind, termCount: offer.termCount, apr: offer.apr,
        installmentAmount: toMoney(offer.installmentAmount, estimates.currency), amountFinanced: toMoney(offer.amountFinanced, estimates.currency),
        financeCharge: toMoney(offer.financeCharge, estimates.currency), totalOfPayments: toMoney(offer.totalOfPayments, estimates.currency),
        schedule: toScheduledPayments(offer.schedule, estimates.currency),
      })) as Offer[];
    } catch (error) {
      if (!(error instanceof MutationRefused)) throw error;
      const [first] = error.userErrors;
      throw new BadUserInputError(first.message, first.field?.[0]);
    }
  }
}
