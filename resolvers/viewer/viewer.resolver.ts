import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { Partner, Role, Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who the API key belongs to.' })
  async viewer(@Ctx() { viewer, loaders }: Context): Promise<Viewer> {
    const partner = viewer.partnerId === null ? null : await loaders.partner.load(viewer.partnerId);
    return { role: viewer.role as Role, partner: partner && Partner.from(partner) };
  }
}
