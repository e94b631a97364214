import type { Installment, Plan, Repayment } from '../../entities';
import {
  addDays, buildSchedule, daysPastDue, DELINQUENT_AFTER_DAYS, IsoDate, PlanStatus, settledStatus, statusForDaysPastDue,
} from '../engine';
import { AsOf, businessDate } from './business-date';
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
 * engine's statusForDaysPastDue); a paid-off plan whose captured principal was refunded in full is
 * REFUNDED (the engine's settledStatus: stored PAID_OFF before that rule, see the RefundedAfterPayoff
 * migration). The maintenance sweep writes this status (with its event) so that status filters, which
 * read the stored column, agree.
 */
export function planStatusAt(plan: Plan, rows: Installment[], at: AsOf, policy: Pick<LendingPolicy, 'chargeOffAfterDays'>): PlanStatus {
  if (plan.status === 'PAID_OFF') return settledStatus({ captured: plan.principal, refunded: plan.refundedAmount });
  if (!SERVICING.has(plan.status)) return authorizationStatusAt(plan, at.now);
  return statusForDaysPastDue(daysPastDueOf(rows, at.today), policy.chargeOffAfterDays);
}

/** The oldest due date not fully paid, whatever the date: days past due count from it once it has passed. */
function oldestUnpaidDueDate(rows: Installment[]): IsoDate | null {
  let oldest: IsoDate | null = null;
  for (const row of rows) if (row.amountPaid < row.amountDue && (oldest === null || row.dueDate < oldest)) oldest = row.dueDate;
  return oldest;
}

/**
 * The first business date, from `at` on, on which planStatusAt may say something else than the
 * stored status: `at.today` when it already does; AUTHORIZED: the business date of the expiry;
 * ACTIVE and DELINQUENT: the oldest unpaid due date plus the days past due at which
 * statusForDaysPastDue next changes (DELINQUENT_AFTER_DAYS, then chargeOffAfterDays); null when the
 * status can no longer change with the clock (terminal, or nothing unpaid). Only payments, refunds
 * and reversals move it otherwise, and they save the plan. savePlan stores it in
 * `plans.nextStatusCheckOn`, so the maintenance sweep reads only the plans that are due.
 */
export function nextStatusCheckOn(
  plan: Plan, rows: Installment[], at: AsOf, policy: Pick<LendingPolicy, 'chargeOffAfterDays' | 'timeZone'>,
): IsoDate | null {
  if (planStatusAt(plan, rows, at, policy) !== plan.status) return at.today;
  if (plan.status === 'AUTHORIZED') return businessDate(plan.authorizationExpiresAt, policy.timeZone);
  const oldest = SERVICING.has(plan.status) ? oldestUnpaidDueDate(rows) : null;
  if (oldest === null) return null;
  const now = daysPastDue(rows, at.today);
  const changesAt = [DELINQUENT_AFTER_DAYS, policy.chargeOffAfterDays]
    .filter((days) => days > now && statusForDaysPastDue(days, policy.chargeOffAfterDays) !== plan.status);
  return changesAt.length === 0 ? null : addDays(oldest, Math.min(...changesAt));
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
