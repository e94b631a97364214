import { DataSource } from 'typeorm';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
  RepaymentAllocation,
} from '../../entities';
import { byIdLoader, childrenLoader } from './by-id.loader';
import { PagedChildren } from './paged.loader';

const own = { own: 'partnerId' };
const viaPlan = { viaPlan: 'planId' };

/** Every relation the API can traverse, by name; `partnerId` null = every partner (ADMIN, ANALYST). */
export const LOADERS = {
  partner: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Partner, partnerId, { own: 'id' }),
  apiKey: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, ApiKey, partnerId, own),
  merchant: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Merchant, partnerId, own),
  program: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, FinancingProgram, partnerId, own),
  application: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Application, partnerId, own),
  plan: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Plan, partnerId, own),
  installment: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Installment, partnerId, viaPlan),
  repayment: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Repayment, partnerId, viaPlan),
  refund: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Refund, partnerId, viaPlan),
  planEvent: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, PlanEvent, partnerId, viaPlan),
  offer: (ds: DataSource, partnerId: number | null) => byIdLoader(ds, Offer, partnerId, { viaApplication: 'applicationId' }),
  // Children are reached only through a parent that was already scoped.
  programsByMerchant: (ds: DataSource) => childrenLoader(ds, FinancingProgram, 'merchantId'),
  offersByApplication: (ds: DataSource) => childrenLoader(ds, Offer, 'applicationId'),
  planByApplication: (ds: DataSource) => childrenLoader(ds, Plan, 'applicationId'),
  installmentsByPlan: (ds: DataSource) => childrenLoader(ds, Installment, 'planId', 'sequence'),
  refundsByPlan: (ds: DataSource) => childrenLoader(ds, Refund, 'planId'),
  // Every repayment of a plan, for figures replayed from the money events (payoffQuote, recoveredAmount).
  repaymentsByPlan: (ds: DataSource) => childrenLoader(ds, Repayment, 'planId'),
  allocationsByRepayment: (ds: DataSource) => childrenLoader(ds, RepaymentAllocation, 'repaymentId'),
  plansOfMerchant: (ds: DataSource, _partnerId: number | null, countCap: number) => new PagedChildren(ds, Plan, 'merchantId', countCap),
  applicationsOfMerchant: (ds: DataSource, _partnerId: number | null, countCap: number) => new PagedChildren(ds, Application, 'merchantId', countCap),
  repaymentsOfPlan: (ds: DataSource, _partnerId: number | null, countCap: number) => new PagedChildren(ds, Repayment, 'planId', countCap),
  eventsOfPlan: (ds: DataSource, _partnerId: number | null, countCap: number) => new PagedChildren(ds, PlanEvent, 'planId', countCap),
};

export type Loaders = { readonly [K in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[K]> };

/**
 * One request's loaders. Created for each request (never shared) because the cache must not outlive
 * the request and the scope is the viewer's. Each loader is built when first read: most requests use
 * two or three of them, and building all twenty-odd was a visible part of a small query's cost.
 */
class RequestLoaders {
  readonly built: Partial<Record<string, unknown>> = {};
  constructor(readonly dataSource: DataSource, readonly partnerId: number | null, readonly countCap: number) {}
}
for (const [name, make] of Object.entries(LOADERS)) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      return (this.built[name] ??= make(this.dataSource, this.partnerId, this.countCap));
    },
  });
}

/** `countCap`: connections' totalCount is counted exactly up to it (TOTAL_COUNT_CAP). */
export function createLoaders(dataSource: DataSource, partnerId: number | null, countCap: number): Loaders {
  return new RequestLoaders(dataSource, partnerId, countCap) as unknown as Loaders;
}
