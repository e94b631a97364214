import { Repayment } from '../../../entities';
import type { Installment, Plan, Refund, RepaymentAllocation } from '../../../entities';
import {
  annualPercentageRate, applicationStatusAt, asMinor, AUTHORIZATION_TTL_MS, authorizationStatusAt, canMoveApplication, merchantFee, nextStatusCheckOn,
  type Minor, parseRate, PlanStatus,
} from '../../engine';
import { scheduleOf } from '../ledger-args';
import { formatMoney } from '../money';
import { moveApplication } from './application-status';
import type { CommandContext } from './command-context';
import type { UnitOfWork } from './command-runner';
import { applicantExposure, exceedsLimit, lockApplicant } from './exposure';
import { MoneyInputValue, positiveAmount, validDate } from './inputs';
import { PlanBooks } from './plan-books';
import { catchUpStatus, savePlan, settleStatus, transition } from './plan-status';
import { refuse } from './user-error';
import { refuseLedgerError } from './ledger-refusal';

export interface PlanResult {
  planId: number;
  repaymentId?: number;
  refundId?: number;
  /**
   * The rows as committed, so the answer needs no reads after the transaction. Not stored with the
   * idempotency record: a replay reads the current rows instead.
   */
  snapshot?: PlanSnapshot;
}

export interface PlanSnapshot {
  plan: Plan;
  /**
   * Absent when the mutation wrote them without reading their ids back (capturePlan's one multi-row
   * INSERT): the answer reads them, rather than assume the ids InnoDB gave the rows are consecutive.
   */
  installments?: Installment[];
  repayment?: Repayment;
  /** All of the plan's allocations, as rewritten by this mutation. */
  allocations: Omit<RepaymentAllocation, 'id'>[];
  refund?: Refund;
}

const snapshotOf = (plan: Plan, books: PlanBooks, extra: Pick<PlanSnapshot, 'repayment' | 'refund'>): PlanSnapshot =>
  ({ plan, installments: books.installments, allocations: books.allocations, ...extra });

/** The answer to a plan id the caller cannot see: another partner's plan is indistinguishable from a missing one. */
export const refuseMissingPlan = (field: string[]): never => refuse('NOT_FOUND', 'No plan with this id', field);

/** The plan, locked for this transaction on MySQL, or a refusal indistinguishable from "not found". */
async function lockedPlan({ tx }: UnitOfWork, ctx: CommandContext, planId: number, field: string[]): Promise<Plan> {
  return (await tx.plans.lock(planId, ctx.partnerId)) ?? refuseMissingPlan(field);
}

/**
 * Refuses unless the plan is in one of the allowed statuses as of now: an authorization past its
 * expiry counts as EXPIRED (the maintenance sweep writes that status; a refusal writes nothing).
 */
function requireStatus(plan: Plan, allowed: PlanStatus[], action: string, now: Date): void {
  const status = authorizationStatusAt(plan, now);
  if (!allowed.includes(status)) {
    refuse('ILLEGAL_TRANSITION', `Cannot ${action} a plan that is ${status}`, ['input', 'planId']);
  }
}

export async function acceptOfferInTx(uow: UnitOfWork, ctx: CommandContext, input: { applicationId: number; offerId: number }): Promise<PlanResult> {
  const { tx } = uow;
  const found = await tx.applications.byId(input.applicationId, ctx.partnerId)
    ?? refuse('NOT_FOUND', 'No application with this id', ['input', 'applicationId']);
  // The applicant first, then the application: the order createApplication takes them in.
  await lockApplicant(uow, ctx, found.applicantEmail);
  const application = (await tx.applications.lock(input.applicationId, ctx.partnerId))!;
  // Lapsed but not yet swept: the sweep writes EXPIRED, a refusal writes nothing.
  if (applicationStatusAt(application, ctx.now) !== application.status) {
    refuse('APPLICATION_EXPIRED', 'The application expired; submit a new one', ['input', 'applicationId']);
  }
  if (!canMoveApplication(application.status, 'ACCEPTED')) {
    refuse('ILLEGAL_TRANSITION', `Cannot accept an offer of an application that is ${application.status}`, ['input', 'applicationId']);
  }
  // Checked again under the applicant's lock: exposure may have grown since the decision.
  const exposure = await applicantExposure(uow, ctx, application.applicantEmail, application.id);
  if (exceedsLimit(exposure, ctx, application.currency, application.amount)) {
    const limit = ctx.policy.exposureLimits[application.currency];
    refuse('EXPOSURE_LIMIT', `Accepting would take the applicant's open credit past the limit of ${formatMoney(limit, application.currency)}`, ['input', 'applicationId']);
  }
  const offer = await tx.applications.offer(input.offerId, application.id)
    ?? refuse('NOT_FOUND', 'No offer with this id on this application', ['input', 'offerId']);
  await moveApplication(uow, ctx, application, 'ACCEPTED', 'ACCEPTED');
  const authorization = {
    partnerId: application.partnerId, merchantId: application.merchantId, applicationId: application.id, offerId: offer.id,
    kind: offer.kind, termCount: offer.termCount, aprBps: offer.aprBps, disclosedAprBps: offer.disclosedAprBps,
    merchantFeeBps: offer.merchantFeeBps, currency: application.currency, authorizedAmount: application.amount,
    principal: asMinor(0), refundedAmount: asMinor(0), merchantFee: asMinor(0), status: 'AUTHORIZED', capturedOn: null,
    authorizationExpiresAt: new Date(ctx.now.getTime() + AUTHORIZATION_TTL_MS), chargedOffAt: null, createdAt: ctx.now, updatedAt: ctx.now,
    version: 1,
  } satisfies Omit<Plan, 'id' | 'nextStatusCheckOn'>;
  const stored = { ...authorization, nextStatusCheckOn: nextStatusCheckOn(authorization, [], ctx, ctx.policy) };
  const plan = { ...stored, id: await tx.plans.insert(stored) } as Plan;
  // A plan's first event, null -> AUTHORIZED, is its +1 on the merchant's AUTHORIZED counter.
  uow.events.plan(ctx, plan, 'AUTHORIZED', { to: 'AUTHORIZED', amount: application.amount });
  // An authorization has no installments yet: both are answered as written.
  return { planId: plan.id, snapshot: { plan, installments: [], allocations: [] } };
}

export async function capturePlanInTx(uow: UnitOfWork, ctx: CommandContext, input: { planId: number; amount?: MoneyInputValue | null }): Promise<PlanResult> {
  const plan = await lockedPlan(uow, ctx, input.planId, ['input', 'planId']);
  requireStatus(plan, ['AUTHORIZED'], 'capture', ctx.now);
  const amount = input.amount ? positiveAmount(input.amount, plan.currency, ['input', 'amount']) : plan.authorizedAmount;
  if (amount > plan.authorizedAmount) {
    refuse('AMOUNT_EXCEEDS_AUTHORIZED', `Cannot capture more than the authorized ${formatMoney(plan.authorizedAmount, plan.currency)}`, ['input', 'amount', 'amount']);
  }
  plan.principal = amount;
  plan.capturedOn = ctx.today;
  plan.merchantFee = merchantFee({ captured: amount, refunded: 0, feeRateBps: plan.merchantFeeBps });
  // The disclosure is of the schedule actually created: the captured amount from the capture date.
  const schedule = scheduleOf(plan);
  plan.disclosedAprBps = parseRate(annualPercentageRate({
    amountFinanced: amount, advanceDate: plan.capturedOn, payments: schedule.map((r) => ({ date: r.dueDate, amount: r.amount })),
  }));
  const installments = schedule.map((row) => ({
    planId: plan.id, sequence: row.sequence, dueDate: row.dueDate, amountDue: row.amount, principal: row.principal,
    interest: row.interest, amountPaid: asMinor(0), principalPaid: asMinor(0), interestPaid: asMinor(0), status: 'PENDING' as const,
  }));
  await uow.tx.books.insertInstallments(installments);
  transition(uow, ctx, plan, 'ACTIVE', 'CAPTURED', amount);
  // A partial capture releases the rest of the authorization; a full capture releases nothing, so no event.
  if (amount < plan.authorizedAmount) {
    uow.events.plan(ctx, plan, 'AUTHORIZATION_RELEASED', { amount: asMinor(plan.authorizedAmount - amount) });
  }
  await savePlan(uow, ctx, plan, installments as Installment[]);
  return { planId: plan.id, snapshot: { plan, allocations: [] } };
}

export async function voidPlanInTx(uow: UnitOfWork, ctx: CommandContext, input: { planId: number }): Promise<PlanResult> {
  const plan = await lockedPlan(uow, ctx, input.planId, ['input', 'planId']);
  requireStatus(plan, ['AUTHORIZED'], 'void', ctx.now);
  transition(uow, ctx, plan, 'VOIDED', 'VOIDED');
  await savePlan(uow, ctx, plan, []);
  return { planId: plan.id, snapshot: { plan, installments: [], allocations: [] } };
}

/**
 * The start every money move into a plan shares: the plan locked, its books loaded, its stored status
 * caught up with the date, the move allowed in that status, and the amount parsed in its currency.
 */
async function openMoneyMove(
  uow: UnitOfWork, ctx: CommandContext, input: { planId: number; amount: MoneyInputValue }, allowed: PlanStatus[], action: string,
): Promise<{ plan: Plan; books: PlanBooks; amount: Minor }> {
  const plan = await lockedPlan(uow, ctx, input.planId, ['input', 'planId']);
  const books = await PlanBooks.load(uow.tx, plan);
  catchUpStatus(uow, ctx, plan, books.installments);
  requireStatus(plan, allowed, action, ctx.now);
  return { plan, books, amount: positiveAmount(input.amount, plan.currency, ['input', 'amount']) };
}

export async function refundPlanInTx(
  uow: UnitOfWork, ctx: CommandContext, input: { planId: number; amount: MoneyInputValue; reason?: string | null },
): Promise<PlanResult> {
  const { plan, books, amount } = await openMoneyMove(uow, ctx, input, ['ACTIVE', 'DELINQUENT', 'PAID_OFF'], 'refund');
  if (amount > plan.principal - plan.refundedAmount) {
    refuse('REFUND_EXCEEDS_CAPTURED', 'Refunds cannot exceed the captured amount less what was already refunded', ['input', 'amount', 'amount']);
  }
  const fee = merchantFee({ captured: plan.principal, refunded: plan.refundedAmount + amount, feeRateBps: plan.merchantFeeBps });
  const refund = await books.addRefund({
    planId: plan.id, amount, currency: plan.currency, creditReturned: asMinor(0), merchantFeeReversed: asMinor(plan.merchantFee - fee),
    reason: input.reason ?? null, effectiveDate: ctx.today, createdAt: ctx.now,
  });
  const ledger = await settleOrRefuse(books);
  // Whatever the shopper has paid beyond the new total is handed back now, in cash, and recorded on the
  // refund: every later replay keeps that cash out of the plan at this place (docs/money.md). The rows
  // just written stay right: the cash is exactly the part of the payments no installment holds.
  const creditReturned = ledger.credit;
  if (creditReturned !== 0) await uow.tx.books.updateRefund(refund.id, { creditReturned });
  plan.refundedAmount = asMinor(plan.refundedAmount + amount);
  plan.merchantFee = fee;
  uow.events.plan(ctx, plan, 'REFUNDED', { amount });
  settleStatus(uow, ctx, plan, ledger);
  await savePlan(uow, ctx, plan, books.installments);
  refund.creditReturned = creditReturned;
  return { planId: plan.id, refundId: refund.id, snapshot: snapshotOf(plan, books, { refund }) };
}

export async function recordRepaymentInTx(
  uow: UnitOfWork, ctx: CommandContext, input: { planId: number; amount: MoneyInputValue; effectiveDate?: string | null },
): Promise<PlanResult> {
  // A payment on a charged-off plan is a recovery (Plan.recoveredAmount); the plan stays CHARGED_OFF.
  const { plan, books, amount } = await openMoneyMove(uow, ctx, input, ['ACTIVE', 'DELINQUENT', 'CHARGED_OFF'], 'record a repayment on');
  const today = ctx.today;
  const effectiveDate = input.effectiveDate ? validDate(input.effectiveDate, ['input', 'effectiveDate']) : today;
  if (effectiveDate > today) refuse('DATE_IN_FUTURE', 'effectiveDate cannot be in the future', ['input', 'effectiveDate']);
  if (effectiveDate < plan.capturedOn!) refuse('DATE_BEFORE_CAPTURE', 'effectiveDate cannot be before the plan was captured', ['input', 'effectiveDate']);
  const owed = books.largestRepaymentOn(effectiveDate);
  if (amount > owed) {
    refuse('AMOUNT_EXCEEDS_BALANCE', `The payment is larger than the ${formatMoney(owed, plan.currency)} needed to pay the plan off`, ['input', 'amount', 'amount']);
  }
  const repayment = await books.addRepayment({
    planId: plan.id, amount, currency: plan.currency, status: 'SUCCEEDED', effectiveDate, createdAt: ctx.now,
    reversedAt: null, reversalReason: null,
  });
  const ledger = await settleOrRefuse(books);
  // Backdated before a refund that already handed back what was paid beyond its new total, a payment
  // can pay more than the plan owes; nothing would return that money, so it is refused (rolled back).
  if (ledger.credit > 0) {
    refuse('AMOUNT_EXCEEDS_BALANCE', 'Applied on its effective date, before a later refund, the payment is more than the plan owes', ['input', 'amount', 'amount']);
  }
  // Money on a charged-off plan is a recovery for the lender's books (and the money-moved metric).
  uow.events.plan(ctx, plan, plan.status === 'CHARGED_OFF' ? 'RECOVERY_RECORDED' : 'REPAYMENT_RECORDED', { amount });
  settleStatus(uow, ctx, plan, ledger);
  await savePlan(uow, ctx, plan, books.installments);
  return { planId: plan.id, repaymentId: repayment.id, snapshot: snapshotOf(plan, books, { repayment }) };
}

export async function reverseRepaymentInTx(
  uow: UnitOfWork, ctx: CommandContext, input: { repaymentId: number; reason?: string | null },
): Promise<PlanResult> {
  // Scoped like every read: another partner's repayment is refused as missing, before any plan is touched.
  const found = (await uow.tx.reads.byIds(Repayment, [input.repaymentId], ctx.partnerId))[0]
    ?? refuse('NOT_FOUND', 'No repayment with this id', ['input', 'repaymentId']);
  const plan = await lockedPlan(uow, ctx, found.planId, ['input', 'repaymentId']);
  // Read again under the plan's lock: a concurrent reversal may have committed in between.
  const books = await PlanBooks.load(uow.tx, plan);
  const repayment = books.repayment(found.id)!;
  if (repayment.status === 'REVERSED') refuse('ALREADY_REVERSED', 'This repayment was already reversed', ['input', 'repaymentId']);
  catchUpStatus(uow, ctx, plan, books.installments);
  // A refunded plan too: the cash its refunds handed back may have come from this payment.
  requireStatus(plan, ['ACTIVE', 'DELINQUENT', 'PAID_OFF', 'REFUNDED', 'CHARGED_OFF'], 'reverse a repayment of', ctx.now);
  await books.reverse(repayment, input.reason ?? null, ctx.now);
  const ledger = await settleOrRefuse(books);
  uow.events.plan(ctx, plan, 'REPAYMENT_REVERSED', { amount: repayment.amount });
  if ((plan.status === 'PAID_OFF' || plan.status === 'REFUNDED') && ledger.balance > 0) {
    // A returned payment reopens a plan it had paid off, or whose returned cash it had funded.
    transition(uow, ctx, plan, 'ACTIVE', 'REOPENED');
  }
  settleStatus(uow, ctx, plan, ledger);
  await savePlan(uow, ctx, plan, books.installments);
  return { planId: plan.id, repaymentId: repayment.id, snapshot: snapshotOf(plan, books, { repayment }) };
}

/** The engine refuses a replay that would overpay (e.g. a backdated payment); the mutation rolls back. */
async function settleOrRefuse(books: PlanBooks) {
  try {
    return await books.settle();
  } catch (error) {
    return refuseLedgerError(error);
  }
}
