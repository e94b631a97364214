import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { fromGlobalId } from '../common/global-id';
import { Merchant } from '../merchant/merchant.type';
import { Plan } from '../plan/plan.type';
import { Application, Offer, storedOffer } from './application.type';

@Resolver(() => Application)
export class ApplicationResolver {
  @Query(() => Application, { nullable: true })
  async application(@Arg('id', () => ID) id: string, @Ctx() { loaders, viewer, now }: Context): Promise<Application | null> {
    const parsed = fromGlobalId(id, 'Application');
    const row = parsed && (await loaders.application.load(parsed.id));
    return row ? Application.from(row, viewer, now) : null;
  }

  @FieldResolver(() => Merchant)
  async merchant(@Root() application: Application, @Ctx() { loaders }: Context): Promise<Merchant> {
    return Merchant.from((await loaders.merchant.load(application.row.merchantId))!);
  }

  @FieldResolver(() => [Offer], { description: 'One offer per eligible program; empty when declined.' })
  async offers(@Root() application: Application, @Ctx() { loaders, services }: Context): Promise<Offer[]> {
    const rows = await loaders.offersByApplication.load(application.row.id);
    return rows.map((row) => storedOffer(row, application.row, services.policy.timeZone));
  }

  @FieldResolver(() => Plan, { nullable: true, description: 'The plan created when an offer was accepted.' })
  async plan(@Root() application: Application, @Ctx() { loaders }: Context): Promise<Plan | null> {
    const [row] = await loaders.planByApplication.load(application.row.id);
    return row ? Plan.from(row) : null;
  }
}
