import type { Installment, Plan } from '../../entities';
import {
  buildSchedule, daysPastDue, DELINQUENT_AFTER_DAYS, IsoDate, PlanStatus, ProgramKind,
} from '../engine';

// Plan figures that depend on the clock are computed when read, from the stored installments (the
// rows have the engine's InstallmentState shape).

export const isoDate = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);

export const balanceOf = (rows: Installment[]): number => rows.reduce((sum, r) => sum + r.amountDue - r.amountPaid, 0);

export const daysPastDueOf = (rows: Installment[], asOf: IsoDate): number => daysPastDue(rows, asOf);

export { payoffQuoteOf } from './ledger-args';

/** The stored status, except that an authorization past its expiry is EXPIRED. */
export const authorizationStatusAt = (plan: Plan, now: Date): PlanStatus =>
  plan.status === 'AUTHORIZED' && plan.authorizationExpiresAt.getTime() <= now.getTime() ? 'EXPIRED' : plan.status;

const SERVICING: ReadonlySet<string> = new Set(['ACTIVE', 'DELINQUENT']);

/**
 * The status as of `now`: an authorization lapses at its expiry and a servicing plan is DELINQUENT
 * while 30 or more days past due. Stored statuses are what mutations last wrote.
 */
export function planStatusAt(plan: Plan, rows: Installment[], now: Date): PlanStatus {
  if (!SERVICING.has(plan.status)) return authorizationStatusAt(plan, now);
  return daysPastDueOf(rows, isoDate(now)) >= DELINQUENT_AFTER_DAYS ? 'DELINQUENT' : 'ACTIVE';
}

/** Truth-in-Lending figures of the plan's schedule as captured (or as it would be if captured today). */
export function disclosureOf(plan: Plan, today: IsoDate) {
  const principal = plan.capturedOn ? plan.principal : plan.authorizedAmount;
  const schedule = buildSchedule(
    { kind: plan.kind as ProgramKind, termCount: plan.termCount, aprBps: plan.aprBps, principal },
    plan.capturedOn ?? today,
  );
  const totalOfPayments = schedule.reduce((sum, row) => sum + row.amount, 0);
  return { amountFinanced: principal, financeCharge: totalOfPayments - principal, totalOfPayments, aprBps: plan.disclosedAprBps };
}

export const settlementOf = (plan: Plan): number => plan.principal - plan.refundedAmount - plan.merchantFee;
