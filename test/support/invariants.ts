import { In } from 'typeorm';
import { Installment, Plan, Refund, Repayment, RepaymentAllocation } from '../../entities';
import type { Database } from '../../src/db/data-source';

/**
 * The books must balance for every plan: what each installment shows as paid is exactly what
 * successful payments were allocated to it, nothing is overpaid, refunds never exceed captures, and
 * every cent received is either on an installment or was returned to the shopper as credit. Cash a
 * refund returned that a since-reversed payment had funded is owed again, as principal beyond what
 * was captured and not refunded (docs/money.md): received + that = on installments + returned.
 */
export async function bookProblems(db: Database, planIds?: number[]): Promise<string[]> {
  if (planIds?.length === 0) return [];
  // Over the whole database, the plan status counters must say what the plans do.
  const counters = planIds ? [] : await counterProblems(db);
  const m = db.dataSource.manager;
  // Scoped to some plans, a property over many histories checks only its own, at any portfolio size.
  const ofPlans = planIds ? { planId: In(planIds) } : {};
  const [plans, installments, repayments, allocations, refunds] = await Promise.all([
    m.find(Plan, { where: planIds ? { id: In(planIds) } : {} }), m.findBy(Installment, ofPlans), m.findBy(Repayment, ofPlans),
    m.findBy(RepaymentAllocation, ofPlans), m.findBy(Refund, ofPlans),
  ]);
  const succeeded = new Set(repayments.filter((r) => r.status === 'SUCCEEDED').map((r) => r.id));
  const problems: string[] = [];
  for (const plan of plans) {
    const rows = installments.filter((i) => i.planId === plan.id);
    const allocated = allocations.filter((a) => a.planId === plan.id);
    if (allocated.some((a) => !succeeded.has(a.repaymentId))) problems.push(`plan ${plan.id}: allocation of a reversed payment`);
    for (const i of rows) {
      const sum = allocated.filter((a) => a.installmentId === i.id).reduce((s, a) => s + a.principal + a.interest, 0);
      if (sum !== i.amountPaid) problems.push(`plan ${plan.id} #${i.sequence}: paid ${i.amountPaid} but allocations sum to ${sum}`);
      if (i.amountPaid > i.amountDue) problems.push(`plan ${plan.id} #${i.sequence}: overpaid ${i.amountPaid} > ${i.amountDue}`);
      if (i.principalPaid + i.interestPaid !== i.amountPaid) problems.push(`plan ${plan.id} #${i.sequence}: paid parts do not add up`);
      if ([i.amountDue, i.principal, i.interest, i.amountPaid].some((v) => v < 0)) problems.push(`plan ${plan.id} #${i.sequence}: negative amount`);
    }
    if (plan.refundedAmount > plan.principal) problems.push(`plan ${plan.id}: refunded ${plan.refundedAmount} > captured ${plan.principal}`);
    const received = repayments.filter((r) => r.planId === plan.id && r.status === 'SUCCEEDED').reduce((s, r) => s + r.amount, 0);
    const onInstallments = rows.reduce((s, i) => s + i.amountPaid, 0);
    const returned = refunds.filter((r) => r.planId === plan.id).reduce((s, r) => s + r.creditReturned, 0);
    const owedAgain = plan.capturedOn === null ? 0 : rows.reduce((s, i) => s + i.principal, 0) - (plan.principal - plan.refundedAmount);
    if (owedAgain < 0 || owedAgain > returned) problems.push(`plan ${plan.id}: installments' principal is ${owedAgain} off captured - refunded`);
    if (received + owedAgain !== onInstallments + returned) {
      problems.push(`plan ${plan.id}: received ${received} + owed again ${owedAgain} != on installments ${onInstallments} + returned ${returned}`);
    }
  }
  return [...counters, ...problems];
}

/**
 * Every merchant's plan status counters against `SELECT merchantId, status, COUNT(*) … GROUP BY`: a
 * transaction that changed a status without its counter delta (a write path the command runner does
 * not see) shows here after the test that ran it.
 */
export async function counterProblems(db: Database): Promise<string[]> {
  const counts = db.repositories.planCounts;
  const [plans, counters] = await Promise.all([counts.plansGrouped(), counts.allCounters()]);
  const key = (row: { merchantId: number; status: string }) => `merchant ${row.merchantId} ${row.status}`;
  const expected = new Map(plans.map((row) => [key(row), row]));
  const problems: string[] = [];
  for (const row of counters) {
    const plan = expected.get(key(row));
    expected.delete(key(row));
    if (Number(row.plans) !== (plan?.plans ?? 0)) problems.push(`${key(row)}: counter ${row.plans} but ${plan?.plans ?? 0} plans`);
    if (plan && plan.partnerId !== row.partnerId) problems.push(`${key(row)}: counter of partner ${row.partnerId}, plans of partner ${plan.partnerId}`);
  }
  for (const [name, plan] of expected) problems.push(`${name}: ${plan.plans} plans but no counter`);
  return problems;
}
