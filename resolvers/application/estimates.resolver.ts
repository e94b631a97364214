import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import { EstimateKey, fromGlobalId, toEstimateId } from '../common/global-id';
import { MoneyInput } from '../common/money.type';
import { Offer, toScheduledPayments } from './application.type';
import { toMoney } from '../../src/services/money';
import { businessDate } from '../../src/engine';
import { MutationRefused } from '../../src/services/lifecycle/user-error';
import type { Services } from '../../src/services/services';

type Estimates = Awaited<ReturnType<Services['paymentEstimates']>>;

function toOffers(estimates: Estimates): Offer[] {
  const { currency, startDate } = estimates;
  return estimates.offers.map(({ programId, offer }) => Object.assign(new Offer(), {
    id: toEstimateId({ programId, amount: toMoney(offer.amountFinanced, currency).amount, currency, startDate }),
    kind: offer.kind, termCount: offer.termCount, apr: offer.apr,
    installmentAmount: toMoney(offer.installmentAmount, currency), amountFinanced: toMoney(offer.amountFinanced, currency),
    financeCharge: toMoney(offer.financeCharge, currency), totalOfPayments: toMoney(offer.totalOfPayments, currency),
    schedule: toScheduledPayments(offer.schedule, currency),
  }));
}

/**
 * The estimate an id names, recomputed for its start date; null when its program is not the
 * viewer's (the program loader is scoped to the viewer's partner), was retired, does not cover the
 * amount or currency, or the figures would not be the ones the id was issued for.
 */
export async function estimateById(key: EstimateKey, globalId: string, ctx: Context): Promise<Offer | null> {
  // Estimates start on the day they are issued: never after today, never before their program existed.
  if (key.startDate > ctx.today) return null;
  const program = await ctx.loaders.program.load(key.programId);
  if (!program || key.startDate < businessDate(program.createdAt, ctx.services.policy.timeZone)) return null;
  try {
    const estimates = await ctx.services.paymentEstimates(ctx.viewer, { now: ctx.now, today: key.startDate }, program.merchantId, { amount: key.amount, currency: key.currency });
    return toOffers(estimates).find((offer) => offer.id === globalId) ?? null;
  } catch (error) {
    if (error instanceof MutationRefused) return null;
    throw error;
  }
}

async function estimatesFor(ctx: Context, merchantId: string, amount: MoneyInput): Promise<Offer[]> {
  try {
    return toOffers(await ctx.services.paymentEstimates(ctx.viewer, ctx, fromGlobalId(merchantId, 'Merchant')?.id ?? null, amount));
  } catch (error) {
    if (!(error instanceof MutationRefused)) throw error;
    const [first] = error.userErrors;
    throw new BadUserInputError(first.message, first.field?.[0]);
  }
}

@Resolver()
export class EstimatesResolver {
  @Query(() => [Offer], {
    description: '"As low as $X/month" messaging: what each of the merchant\'s programs would offer for this amount today. Nothing is stored. '
      + 'Each id names the program, amount, currency and start date (so caches keep amounts apart) and resolves through node; acceptOffer does not take it.',
  })
  paymentEstimates(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('amount', () => MoneyInput) amount: MoneyInput,
    @Ctx() ctx: Context,
  ): Promise<Offer[]> {
    return estimatesFor(ctx, merchantId, amount);
  }
}
