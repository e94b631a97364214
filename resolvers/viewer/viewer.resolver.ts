import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { Partner, Role, Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who the API key belongs to.' })
  viewer(@Ctx() { viewer }: Context): Viewer {
    return { role: viewer.role as Role };
  }

  /** Loaded only when asked for: `{ viewer { role } }` costs no query beyond the key lookup. */
  @FieldResolver(() => Partner, { nullable: true, description: 'The partner of a PARTNER key; null for analysts and admins.' })
  async partner(@Ctx() { viewer, loaders }: Context): Promise<Partner | null> {
    const row = viewer.partnerId === null ? null : await loaders.partner.load(viewer.partnerId);
    return row && Partner.from(row);
  }
}
