import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { Repayment, RepaymentAllocation } from './plan.type';

@Resolver(() => Repayment)
export class RepaymentResolver {
  @FieldResolver(() => [RepaymentAllocation], { description: 'How the payment was applied: oldest installment first, interest before principal.' })
  async allocations(@Root() repayment: Repayment, @Ctx() { loaders }: Context): Promise<RepaymentAllocation[]> {
    const rows = await loaders.allocationsByRepayment.load(repayment.row.id);
    return rows.map((row) => RepaymentAllocation.from(row, repayment.row.currency));
  }
}
