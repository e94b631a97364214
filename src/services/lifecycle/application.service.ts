import type { Application, Merchant } from '../../../entities';
import type { Repositories } from '../../db/repositories';
import { APPLICATION_TTL_MS, applicationStatusAt, buildOffer, IsoDate, parseRate } from '../../engine';
import type { CommandContext } from './command-context';
import type { UnitOfWork } from './command-runner';
import { applicantExposure, exceedsLimit, lockApplicant } from './exposure';
import { MoneyInputValue, positiveAmount } from './inputs';
import { decide } from './underwriting';
import { refuse, UserErrorValue } from './user-error';
import { moveApplication } from './application-status';
import { STORED_TEXT } from '../stored-text';

export interface ApplicantInputValue {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  creditScore?: number | null;
}

export interface CreateApplicationInput {
  merchantId: number;
  amount: MoneyInputValue;
  applicant: ApplicantInputValue;
}

export interface Scope {
  /** Null: every partner (admins). */
  partnerId: number | null;
  now: Date;
}

/** A scoped merchant or a refusal that cannot be told apart from a missing one. */
async function scopedMerchant(repositories: Repositories, scope: Scope, merchantId: number | null, field: string[]): Promise<Merchant> {
  const merchant = merchantId === null ? null : await repositories.merchants.byId(merchantId, scope.partnerId);
  return merchant ?? refuse('NOT_FOUND', 'No merchant with this id', field);
}

/**
 * Decides an application instantly and records it with its offers. A decline is recorded too (the
 * lender must keep adverse decisions) and reported as a userError with its reason code.
 */
export async function createApplicationInTx(
  uow: UnitOfWork, ctx: CommandContext, input: CreateApplicationInput,
): Promise<{ applicationId: number; userErrors: UserErrorValue[]; snapshot: Application }> {
  const { tx } = uow;
  const scope = { partnerId: ctx.partnerId, now: ctx.now };
  const merchant = await scopedMerchant(tx, scope, input.merchantId, ['input', 'merchantId']);
  const amount = positiveAmount(input.amount, merchant.currency, ['input', 'amount']);
  const email = STORED_TEXT.applicantEmail.store(input.applicant.email);
  const programs = await tx.merchants.programsOf(merchant.id);
  await lockApplicant(uow, ctx, email);
  const exposure = await applicantExposure(uow, ctx, email);
  const decision = decide({
    amount, creditScore: input.applicant.creditScore ?? null, programs, hasDelinquentPlan: exposure.hasDelinquentPlan,
    exceedsExposureLimit: exceedsLimit(exposure, ctx, merchant.currency, amount),
  });

  const status: Application['status'] = decision.approved ? 'APPROVED' : 'DECLINED';
  const row = {
    partnerId: merchant.partnerId, merchantId: merchant.id, amount, currency: merchant.currency,
    status, declineReason: decision.approved ? null : decision.reason,
    applicantFirstName: STORED_TEXT.applicantFirstName.store(input.applicant.firstName),
    applicantLastName: STORED_TEXT.applicantLastName.store(input.applicant.lastName), applicantEmail: email,
    applicantPhone: input.applicant.phone == null ? null : STORED_TEXT.applicantPhone.store(input.applicant.phone),
    applicantCreditScore: input.applicant.creditScore ?? null,
    createdAt: scope.now, expiresAt: new Date(scope.now.getTime() + APPLICATION_TTL_MS), version: 1,
  } satisfies Omit<Application, 'id'>;
  const applicationId = await tx.applications.insert(row);
  // The row as committed, for the answer (not stored with the idempotency record: a replay reads it).
  const snapshot: Application = { ...row, id: applicationId };
  uow.events.decided(ctx, snapshot, decision.approved, decision.approved ? null : decision.reason);
  if (!decision.approved) {
    return { applicationId, snapshot, userErrors: [{ code: 'APPLICATION_DECLINED', field: null, message: `The application was declined (${decision.reason})` }] };
  }
  await tx.applications.insertOffers(decision.programs.map((program) => {
    const offer = buildOffer({ kind: program.kind, termCount: program.termCount, aprBps: program.aprBps }, amount, ctx.today);
    return {
      applicationId, programId: program.id, kind: program.kind, termCount: program.termCount,
      aprBps: program.aprBps, disclosedAprBps: parseRate(offer.apr), merchantFeeBps: program.merchantFeeBps,
      amountFinanced: offer.amountFinanced, installmentAmount: offer.installmentAmount,
      financeCharge: offer.financeCharge, totalOfPayments: offer.totalOfPayments,
    };
  }));
  return { applicationId, snapshot, userErrors: [] };
}

/** Cancels an APPROVED application: its offers can no longer be accepted and it stops counting as exposure. */
export async function cancelApplicationInTx(uow: UnitOfWork, ctx: CommandContext, input: { applicationId: number }): Promise<{ applicationId: number }> {
  const { tx } = uow;
  // Seen before it is locked: a scoped FOR UPDATE on another partner's application would wait for its
  // owner's row lock (InnoDB locks the row before the scope filters it out) while holding a connection.
  if (!await tx.applications.byId(input.applicationId, ctx.partnerId)) refuse('NOT_FOUND', 'No application with this id', ['input', 'applicationId']);
  const application = (await tx.applications.lock(input.applicationId, ctx.partnerId))!;
  const status = applicationStatusAt(application, ctx.now);
  if (status !== 'APPROVED') refuse('ILLEGAL_TRANSITION', `Cannot cancel an application that is ${status}`, ['input', 'applicationId']);
  await moveApplication(uow, ctx, application, 'CANCELLED', 'CANCELLED');
  return { applicationId: application.id };
}

/**
 * "As low as" messaging: the offers every active program would make for an amount, nothing stored.
 * `reads` are the viewer's (an analyst's may be the read replica).
 */
export async function paymentEstimates(
  reads: Repositories, scope: Scope & { today: IsoDate }, merchantId: number | null, money: MoneyInputValue,
) {
  const merchant = await scopedMerchant(reads, scope, merchantId, ['merchantId']);
  const amount = positiveAmount(money, merchant.currency, ['amount']);
  const programs = await reads.merchants.programsOf(merchant.id);
  const { today } = scope;
  return {
    currency: merchant.currency,
    /** The capture date every estimate's schedule assumes. */
    startDate: today,
    offers: programs
      .filter((p) => p.retiredAt === null && amount >= p.minAmount && amount <= p.maxAmount)
      .map((p) => ({ programId: p.id, offer: buildOffer({ kind: p.kind, termCount: p.termCount, aprBps: p.aprBps }, amount, today) })),
  };
}
