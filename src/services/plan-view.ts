import type { Plan, Repayment } from '../../entities';
import { asMinor, buildSchedule, IsoDate, type Minor } from '../engine';

// Figures only reads show. The rules a plan follows (its status as of a moment, its balance) are the
// engine's: planStatusAt, outstandingBalance, daysPastDue.

/** Truth-in-Lending figures of the plan's schedule as captured (or as it would be if captured today). */
export function disclosureOf(plan: Plan, today: IsoDate) {
  const principal = plan.capturedOn ? plan.principal : plan.authorizedAmount;
  const schedule = buildSchedule(
    { kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps, principal },
    plan.capturedOn ?? today,
  );
  const totalOfPayments = schedule.reduce((sum, row) => sum + row.amount, 0);
  return { amountFinanced: principal, financeCharge: asMinor(totalOfPayments - principal), totalOfPayments: asMinor(totalOfPayments), aprBps: plan.disclosedAprBps };
}

/** Payments recorded after the plan was charged off: what collections recovered. */
export const recoveredOf = (plan: Plan, repayments: Repayment[]): Minor => asMinor(plan.chargedOffAt === null ? 0 : repayments
  .filter((r) => r.status === 'SUCCEEDED' && r.createdAt.getTime() >= plan.chargedOffAt!.getTime())
  .reduce((sum, r) => sum + r.amount, 0));

export const settlementOf = (plan: Plan): Minor => asMinor(plan.principal - plan.refundedAmount - plan.merchantFee);
