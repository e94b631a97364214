import type { NonEmptyArray } from 'type-graphql';
import { AdminResolver } from './admin/admin.resolver';
import { ApplicationResolver } from './application/application.resolver';
import { EstimatesResolver } from './application/estimates.resolver';
import { LifecycleResolver } from './lifecycle/lifecycle.resolver';
import { MerchantResolver } from './merchant/merchant.resolver';
import { NodeResolver } from './node/node.resolver';
import { PlanResolver } from './plan/plan.resolver';
import { RepaymentResolver } from './plan/repayment.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';

export const RESOLVERS: NonEmptyArray<Function> = [
  ViewerResolver, NodeResolver, MerchantResolver, ApplicationResolver, PlanResolver, RepaymentResolver,
  LifecycleResolver, AdminResolver, EstimatesResolver,
];
