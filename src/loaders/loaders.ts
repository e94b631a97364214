import { DataSource } from 'typeorm';
import {
  ApiKey, Application, FinancingProgram, Installment, Merchant, Offer, Partner, Plan, PlanEvent, Refund, Repayment,
  RepaymentAllocation,
} from '../../entities';
import { byIdLoader, childrenLoader } from './by-id.loader';
import { PagedChildren } from './paged.loader';

/**
 * Every relation the API can traverse, batched per request. Created for each request (never shared)
 * because the cache must not outlive the request and the scope is the viewer's.
 */
export function createLoaders(dataSource: DataSource, partnerId: number | null) {
  const own = { own: 'partnerId' };
  const viaPlan = { viaPlan: 'planId' };
  return {
    partner: byIdLoader(dataSource, Partner, partnerId, { own: 'id' }),
    apiKey: byIdLoader(dataSource, ApiKey, partnerId, own),
    merchant: byIdLoader(dataSource, Merchant, partnerId, own),
    program: byIdLoader(dataSource, FinancingProgram, partnerId, own),
    application: byIdLoader(dataSource, Application, partnerId, own),
    plan: byIdLoader(dataSource, Plan, partnerId, own),
    installment: byIdLoader(dataSource, Installment, partnerId, viaPlan),
    repayment: byIdLoader(dataSource, Repayment, partnerId, viaPlan),
    refund: byIdLoader(dataSource, Refund, partnerId, viaPlan),
    planEvent: byIdLoader(dataSource, PlanEvent, partnerId, viaPlan),
    offer: byIdLoader(dataSource, Offer, null, own),
    programsByMerchant: childrenLoader(dataSource, FinancingProgram, 'merchantId'),
    offersByApplication: childrenLoader(dataSource, Offer, 'applicationId'),
    planByApplication: childrenLoader(dataSource, Plan, 'applicationId'),
    installmentsByPlan: childrenLoader(dataSource, Installment, 'planId', 'sequence'),
    refundsByPlan: childrenLoader(dataSource, Refund, 'planId'),
    allocationsByRepayment: childrenLoader(dataSource, RepaymentAllocation, 'repaymentId'),
    plansOfMerchant: new PagedChildren(dataSource, Plan, 'merchantId'),
    applicationsOfMerchant: new PagedChildren(dataSource, Application, 'merchantId'),
    repaymentsOfPlan: new PagedChildren(dataSource, Repayment, 'planId'),
    eventsOfPlan: new PagedChildren(dataSource, PlanEvent, 'planId'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
