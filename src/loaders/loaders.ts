import type { EntityReads } from '../db/entity-reads';
import type { PlanStatusCountRepository } from '../db/repositories/plan-status-count.repository';
import type { PlanStatus } from '../engine';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
  RepaymentAllocation,
} from '../../entities';
import { byIdLoader, childrenLoader } from './by-id.loader';
import { ExactCounts, PagedChildren } from './paged.loader';

/**
 * A merchant's plans, with or without a status, counted from its status counters (<= 8 rows per
 * merchant, one statement per batch of merchants) once they are exact; null until then (bounded count).
 */
const planCountsOf = (counters: PlanStatusCountRepository | null): ExactCounts<Plan> | null => counters && (async (merchantIds, filter) => {
  if (Object.keys(filter).some((key) => key !== 'status') || !(await counters.exact())) return null;
  const counts = await counters.ofMerchants(merchantIds, (filter.status as PlanStatus | null | undefined) ?? null);
  return counts.map((count) => ({ count, exact: true }));
});

/**
 * Every relation the API can traverse, by name; `partnerId` null = every partner (ADMIN, ANALYST).
 * How each entity is confined to a partner is declared once, by the reads (src/db/entity-reads.ts).
 */
export const LOADERS = {
  partner: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Partner, partnerId),
  apiKey: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, ApiKey, partnerId),
  merchant: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Merchant, partnerId),
  program: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, FinancingProgram, partnerId),
  application: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Application, partnerId),
  plan: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Plan, partnerId),
  installment: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Installment, partnerId),
  repayment: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Repayment, partnerId),
  refund: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Refund, partnerId),
  planEvent: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, PlanEvent, partnerId),
  offer: (reads: EntityReads, partnerId: number | null) => byIdLoader(reads, Offer, partnerId),
  // Children are reached only through a parent that was already scoped.
  programsByMerchant: (reads: EntityReads) => childrenLoader(reads, FinancingProgram, 'merchantId'),
  offersByApplication: (reads: EntityReads) => childrenLoader(reads, Offer, 'applicationId'),
  planByApplication: (reads: EntityReads) => childrenLoader(reads, Plan, 'applicationId'),
  installmentsByPlan: (reads: EntityReads) => childrenLoader(reads, Installment, 'planId', 'sequence'),
  refundsByPlan: (reads: EntityReads) => childrenLoader(reads, Refund, 'planId'),
  // Every repayment of a plan, for figures replayed from the money events (payoffQuote, recoveredAmount).
  repaymentsByPlan: (reads: EntityReads) => childrenLoader(reads, Repayment, 'planId'),
  allocationsByRepayment: (reads: EntityReads) => childrenLoader(reads, RepaymentAllocation, 'repaymentId'),
  plansOfMerchant: (reads: EntityReads, _partnerId: number | null, countCap: number, counters: PlanStatusCountRepository | null) =>
    new PagedChildren(reads, Plan, 'merchantId', countCap, planCountsOf(counters)),
  applicationsOfMerchant: (reads: EntityReads, _partnerId: number | null, countCap: number) => new PagedChildren(reads, Application, 'merchantId', countCap),
  repaymentsOfPlan: (reads: EntityReads, _partnerId: number | null, countCap: number) => new PagedChildren(reads, Repayment, 'planId', countCap),
  eventsOfPlan: (reads: EntityReads, _partnerId: number | null, countCap: number) => new PagedChildren(reads, PlanEvent, 'planId', countCap),
};

export type Loaders = { readonly [K in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[K]> };

/**
 * One request's loaders. Created for each request (never shared) because the cache must not outlive
 * the request and the scope is the viewer's. Each loader is built when first read: most requests use
 * two or three of them, and building all twenty-odd was a visible part of a small query's cost.
 */
class RequestLoaders {
  readonly built: Partial<Record<string, unknown>> = {};
  constructor(
    readonly reads: EntityReads, readonly partnerId: number | null, readonly countCap: number, readonly counters: PlanStatusCountRepository | null,
  ) {}
}
for (const [name, make] of Object.entries(LOADERS)) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      return (this.built[name] ??= make(this.reads, this.partnerId, this.countCap, this.counters));
    },
  });
}

/**
 * `reads`, `counters`: the viewer's (ReadRouting.readsFor); `countCap`: connections' totalCount is
 * counted exactly up to it (TOTAL_COUNT_CAP); merchants' plans are counted from `counters` once exact.
 */
export function createLoaders(reads: EntityReads, partnerId: number | null, countCap: number, counters: PlanStatusCountRepository | null = null): Loaders {
  return new RequestLoaders(reads, partnerId, countCap, counters) as unknown as Loaders;
}
