import { businessDate, type AsOf } from './business-date';
import { addDays } from './dates';
import { daysPastDue } from './delinquency';
import { EngineError } from './engine-error';
import type { PlanLedger } from './ledger';
import type { IsoDate } from './types';

/** A plan's lifecycle status (docs/api.md). */
export const PLAN_STATUSES = ['AUTHORIZED', 'ACTIVE', 'DELINQUENT', 'PAID_OFF', 'REFUNDED', 'VOIDED', 'EXPIRED', 'CHARGED_OFF'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Days past due from which a plan is DELINQUENT (docs/api.md, lifecycle rules). */
export const DELINQUENT_AFTER_DAYS = 30;

/**
 * THE rule of what lateness does to a servicing plan: CHARGED_OFF from `chargeOffAfterDays` days past
 * due (configured; 120 is the US closed-end rule), DELINQUENT from DELINQUENT_AFTER_DAYS, else ACTIVE.
 */
export function statusForDaysPastDue(daysPastDue: number, chargeOffAfterDays: number): 'ACTIVE' | 'DELINQUENT' | 'CHARGED_OFF' {
  if (daysPastDue >= chargeOffAfterDays) return 'CHARGED_OFF';
  return daysPastDue >= DELINQUENT_AFTER_DAYS ? 'DELINQUENT' : 'ACTIVE';
}

/** Every legal move; a status missing from a list cannot be reached from the key, terminal states reach nothing. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = Object.freeze({
  AUTHORIZED: Object.freeze(['ACTIVE', 'VOIDED', 'EXPIRED'] as const),
  ACTIVE: Object.freeze(['DELINQUENT', 'PAID_OFF', 'REFUNDED', 'CHARGED_OFF'] as const),
  DELINQUENT: Object.freeze(['ACTIVE', 'PAID_OFF', 'REFUNDED', 'CHARGED_OFF'] as const),
  // A returned (reversed) payment reopens a plan it had paid off, and a refunded plan whose returned
  // cash it had funded: the shopper owes that cash again (docs/money.md). A paid-off plan refunded
  // in full is REFUNDED (settledStatus).
  PAID_OFF: Object.freeze(['ACTIVE', 'DELINQUENT', 'REFUNDED'] as const),
  REFUNDED: Object.freeze(['ACTIVE', 'DELINQUENT'] as const),
  VOIDED: Object.freeze([] as const),
  EXPIRED: Object.freeze([] as const),
  CHARGED_OFF: Object.freeze([] as const),
});

/** A status change the lifecycle does not allow; `from` and `to` say which. */
export class PlanTransitionError extends EngineError<'ILLEGAL_TRANSITION'> {
  readonly from: PlanStatus;
  readonly to: PlanStatus;

  constructor(from: PlanStatus, to: PlanStatus) {
    super('ILLEGAL_TRANSITION', `a plan cannot move from ${String(from)} to ${String(to)}`);
    this.from = from;
    this.to = to;
  }
}

/** True when PLAN_TRANSITIONS allows `from` -> `to` (false for unknown statuses). */
export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return Object.hasOwn(PLAN_TRANSITIONS, from) && PLAN_TRANSITIONS[from].includes(to);
}

/** Throws PlanTransitionError unless `from` -> `to` is allowed. */
export function assertTransition(from: PlanStatus, to: PlanStatus): void {
  if (!canTransition(from, to)) throw new PlanTransitionError(from, to);
}

/**
 * THE status of a captured plan that owes nothing: REFUNDED when everything captured was refunded,
 * whatever came before (a payoff included: the refund handed back all that was paid), else PAID_OFF.
 */
export function settledStatus(args: { captured: number; refunded: number }): 'PAID_OFF' | 'REFUNDED' {
  return args.refunded === args.captured ? 'REFUNDED' : 'PAID_OFF';
}

/** How long an authorization may be captured before it lapses (EXPIRED). */
export const AUTHORIZATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** What the status rules read of a plan. */
export interface PlanStatusFacts {
  status: PlanStatus;
  /** Captured principal (0 before capture) and what of it was refunded. */
  principal: number;
  refundedAmount: number;
  authorizationExpiresAt: Date;
}

/** What they read of its installments. */
type Owed = { dueDate: IsoDate; amountDue: number; amountPaid: number };

/** The lender's settings the rules depend on (LendingPolicy). */
export interface StatusPolicy {
  /** Days past due from which a servicing plan is CHARGED_OFF. */
  chargeOffAfterDays: number;
  /** IANA zone of business dates. */
  timeZone: string;
}

/** The stored status, except that an authorization past its expiry is EXPIRED. */
export function authorizationStatusAt(plan: Pick<PlanStatusFacts, 'status' | 'authorizationExpiresAt'>, now: Date): PlanStatus {
  return plan.status === 'AUTHORIZED' && plan.authorizationExpiresAt.getTime() <= now.getTime() ? 'EXPIRED' : plan.status;
}

const SERVICING: ReadonlySet<PlanStatus> = new Set(['ACTIVE', 'DELINQUENT']);

/**
 * THE status of a plan as of a moment, for every read and every command: an authorization lapses at
 * its expiry; a servicing plan is ACTIVE, DELINQUENT or CHARGED_OFF by its days past due
 * (statusForDaysPastDue); a paid-off plan whose captured principal was refunded in full is REFUNDED
 * (settledStatus: stored PAID_OFF before that rule, see the RefundedAfterPayoff migration). The
 * maintenance sweep writes this status (with its event) so that status filters, which read the
 * stored column, agree.
 */
export function planStatusAt(
  plan: PlanStatusFacts, installments: readonly Owed[], at: AsOf, policy: Pick<StatusPolicy, 'chargeOffAfterDays'>,
): PlanStatus {
  if (plan.status === 'PAID_OFF') return settledStatus({ captured: plan.principal, refunded: plan.refundedAmount });
  if (!SERVICING.has(plan.status)) return authorizationStatusAt(plan, at.now);
  return statusForDaysPastDue(daysPastDue(installments, at.today), policy.chargeOffAfterDays);
}

/** The oldest due date not fully paid, whatever the date: days past due count from it once it has passed. */
function oldestUnpaidDueDate(installments: readonly Owed[]): IsoDate | null {
  let oldest: IsoDate | null = null;
  for (const row of installments) if (row.amountPaid < row.amountDue && (oldest === null || row.dueDate < oldest)) oldest = row.dueDate;
  return oldest;
}

/**
 * The first business date, from `at` on, on which planStatusAt may say something else than the
 * stored status: `at.today` when it already does; AUTHORIZED: the business date of the expiry;
 * ACTIVE and DELINQUENT: the oldest unpaid due date plus the days past due at which
 * statusForDaysPastDue next changes (DELINQUENT_AFTER_DAYS, then chargeOffAfterDays); null when the
 * status can no longer change with the clock (terminal, or nothing unpaid). Only payments, refunds
 * and reversals move it otherwise, and they save the plan. It is stored in `plans.nextStatusCheckOn`,
 * so the maintenance sweep reads only the plans that are due.
 */
export function nextStatusCheckOn(plan: PlanStatusFacts, installments: readonly Owed[], at: AsOf, policy: StatusPolicy): IsoDate | null {
  if (planStatusAt(plan, installments, at, policy) !== plan.status) return at.today;
  if (plan.status === 'AUTHORIZED') return businessDate(plan.authorizationExpiresAt, policy.timeZone);
  const oldest = SERVICING.has(plan.status) ? oldestUnpaidDueDate(installments) : null;
  if (oldest === null) return null;
  const now = daysPastDue(installments, at.today);
  const changesAt = [DELINQUENT_AFTER_DAYS, policy.chargeOffAfterDays]
    .filter((days) => days > now && statusForDaysPastDue(days, policy.chargeOffAfterDays) !== plan.status);
  return changesAt.length === 0 ? null : addDays(oldest, Math.min(...changesAt));
}

/** Statuses servicing does not move a plan out of on its own (a reversal reopens PAID_OFF and REFUNDED explicitly). */
const STAYS = (status: PlanStatus): boolean => ['REFUNDED', 'VOIDED', 'EXPIRED', 'CHARGED_OFF'].includes(status);

/**
 * The status a captured plan should have now: PAID_OFF or REFUNDED (settledStatus) when it owes
 * nothing, else ACTIVE or DELINQUENT by statusForDaysPastDue. REFUNDED, VOIDED, EXPIRED and
 * CHARGED_OFF stay, and PAID_OFF stays unless a refund completed it. The caller moves the plan with
 * assertTransition when the result differs from `current`.
 */
export function servicingStatus(args: { current: PlanStatus; ledger: Pick<PlanLedger, 'fullyRefunded' | 'paidOff'>; daysPastDue: number }): PlanStatus {
  const { current, ledger, daysPastDue } = args;
  if (STAYS(current)) return current;
  if (ledger.fullyRefunded) return 'REFUNDED';
  if (ledger.paidOff || current === 'PAID_OFF') return 'PAID_OFF';
  // Charging off is the maintenance sweep's decision, never a side effect of a payment or refund.
  return statusForDaysPastDue(daysPastDue, Number.POSITIVE_INFINITY);
}
