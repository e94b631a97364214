import type { Application, RepaymentAllocation } from '../../entities';
import type { Loaders } from '../../src/loaders/loaders';
import type { PlanSnapshot } from '../../src/services/lifecycle/plan.service';

/**
 * Seeds this request's loaders with the rows a mutation just committed, so its payload is answered
 * without reading them back. Only rows of the plan the mutation locked and checked are primed.
 */
export function primeLoaders(loaders: Loaders, snapshot: PlanSnapshot): void {
  const { plan, installments, repayment, refund, allocations } = snapshot;
  loaders.plan.clear(plan.id).prime(plan.id, plan);
  if (installments) loaders.installmentsByPlan.clear(plan.id).prime(plan.id, installments);
  if (refund) loaders.refund.clear(refund.id).prime(refund.id, refund);
  if (repayment) {
    loaders.repayment.clear(repayment.id).prime(repayment.id, repayment);
    // Allocation ids are never part of the API (RepaymentAllocation has none), so rows written
    // without reading ids back serve as they are.
    const mine = allocations.filter((a) => a.repaymentId === repayment.id) as RepaymentAllocation[];
    loaders.allocationsByRepayment.clear(repayment.id).prime(repayment.id, mine);
  }
}

/** The same for the application createApplication just committed (its offers, written in one INSERT, are read). */
export function primeApplication(loaders: Loaders, application: Application): void {
  loaders.application.clear(application.id).prime(application.id, application);
}
