import type { Installment, Plan, Repayment } from '../../entities';
import {
  buildSchedule, daysPastDue, IsoDate, PlanStatus, statusForDaysPastDue,
} from '../engine';
import type { AsOf } from './business-date';
import type { LendingPolicy } from './lending-policy';

// Plan figures that depend on the clock are computed when read, from the stored installments (the
// rows have the engine's InstallmentState shape), as of the request's business date.

export const balanceOf = (rows: Installment[]): number => rows.reduce((sum, r) => sum + r.amountDue - r.amountPaid, 0);

export const daysPastDueOf = (rows: Installment[], today: IsoDate): number => daysPastDue(rows, today);

export { payoffQuoteOf } from './ledger-args';

/** The stored status, except that an authorization past its expiry is EXPIRED. */
export const authorizationStatusAt = (plan: Plan, now: Date): PlanStatus =>
  plan.status === 'AUTHORIZED' && plan.authorizationExpiresAt.getTime() <= now.getTime() ? 'EXPIRED' : plan.status;

const SERVICING: ReadonlySet<string> = new Set(['ACTIVE', 'DELINQUENT']);

/**
 * THE status of a plan as of a moment, for every read and every command: an authorization lapses at
 * its expiry; a servicing plan is ACTIVE, DELINQUENT or CHARGED_OFF by its days past due (the
 * engine's statusForDaysPastDue). The maintenance sweep writes this status (with its event) so that
 * status filters, which read the stored column, agree.
 */
export function planStatusAt(plan: Plan, rows: Installment[], at: AsOf, policy: Pick<LendingPolicy, 'chargeOffAfterDays'>): PlanStatus {
  if (!SERVICING.has(plan.status)) return authorizationStatusAt(plan, at.now);
  return statusForDaysPastDue(daysPastDueOf(rows, at.today), policy.chargeOffAfterDays);
}

/** Truth-in-Lending figures of the plan's schedule as captured (or as it would be if captured today). */
export function disclosureOf(plan: Plan, today: IsoDate) {
  const principal = plan.capturedOn ? plan.principal : plan.authorizedAmount;
  const schedule = buildSchedule(
    { kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps, principal },
    plan.capturedOn ?? today,
  );
  const totalOfPayments = schedule.reduce((sum, row) => sum + row.amount, 0);
  return { amountFinanced: principal, financeCharge: totalOfPayments - principal, totalOfPayments, aprBps: plan.disclosedAprBps };
}

/** Payments recorded after the plan was charged off: what collections recovered. */
export const recoveredOf = (plan: Plan, repayments: Repayment[]): number => plan.chargedOffAt === null ? 0 : repayments
  .filter((r) => r.status === 'SUCCEEDED' && r.createdAt.getTime() >= plan.chargedOffAt!.getTime())
  .reduce((sum, r) => sum + r.amount, 0);

export const settlementOf = (plan: Plan): number => plan.principal - plan.refundedAmount - plan.merchantFee;
