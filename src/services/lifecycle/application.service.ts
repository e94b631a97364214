import { EntityManager } from 'typeorm';
import { Application, FinancingProgram, Merchant, Offer, Plan } from '../../../entities';
import { buildOffer, parseRate, ProgramKind } from '../../engine';
import { isoDate } from '../plan-view';
import { MoneyInputValue, positiveAmount } from './inputs';
import { recordDomainEvent } from './domain-events';
import { decide } from './underwriting';
import { refuse, UserErrorValue } from './user-error';

export const APPLICATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

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

const OPEN_STATUSES = ['AUTHORIZED', 'ACTIVE', 'DELINQUENT'];

/** A scoped merchant or a refusal that cannot be told apart from a missing one. */
export async function scopedMerchant(manager: EntityManager, scope: Scope, merchantId: number | null, field: string[]): Promise<Merchant> {
  if (merchantId === null) return refuse('NOT_FOUND', 'No merchant with this id', field);
  const merchant = await manager.getRepository(Merchant).findOneBy(
    scope.partnerId === null ? { id: merchantId } : { id: merchantId, partnerId: scope.partnerId });
  return merchant ?? refuse('NOT_FOUND', 'No merchant with this id', field);
}

/** Open exposure of one applicant at one partner, and whether any of their plans is past due. */
async function applicantExposure(manager: EntityManager, partnerId: number, email: string) {
  const plans = await manager.getRepository(Plan).createQueryBuilder('p')
    .innerJoin(Application, 'a', 'a.id = p.applicationId')
    .where('a.partnerId = :partnerId AND a.applicantEmail = :email', { partnerId, email })
    .andWhere('p.status IN (:...statuses)', { statuses: [...OPEN_STATUSES, 'CHARGED_OFF'] })
    .select(['p.status', 'p.authorizedAmount', 'p.principal', 'p.refundedAmount', 'p.id'])
    .getMany();
  const exposure = plans.filter((p) => OPEN_STATUSES.includes(p.status))
    .reduce((sum, p) => sum + (p.status === 'AUTHORIZED' ? p.authorizedAmount : p.principal - p.refundedAmount), 0);
  return { exposure, hasDelinquentPlan: plans.some((p) => p.status === 'DELINQUENT' || p.status === 'CHARGED_OFF') };
}

/**
 * Decides an application instantly and records it with its offers. A decline is recorded too (the
 * lender must keep adverse decisions) and reported as a userError with its reason code.
 */
export async function createApplicationInTx(
  manager: EntityManager, scope: Scope, input: CreateApplicationInput,
): Promise<{ applicationId: number; userErrors: UserErrorValue[] }> {
  const merchant = await scopedMerchant(manager, scope, input.merchantId, ['input', 'merchantId']);
  const amount = positiveAmount(input.amount, merchant.currency, ['input', 'amount']);
  const email = input.applicant.email.trim().toLowerCase();
  const programs = await manager.getRepository(FinancingProgram).findBy({ merchantId: merchant.id });
  const { exposure, hasDelinquentPlan } = await applicantExposure(manager, merchant.partnerId, email);
  const decision = decide({ amount, creditScore: input.applicant.creditScore ?? null, openExposure: exposure, hasDelinquentPlan, programs });

  const application = await manager.getRepository(Application).save({
    partnerId: merchant.partnerId, merchantId: merchant.id, amount, currency: merchant.currency,
    status: decision.approved ? 'APPROVED' : 'DECLINED', declineReason: decision.approved ? null : decision.reason,
    applicantFirstName: input.applicant.firstName.trim(), applicantLastName: input.applicant.lastName.trim(), applicantEmail: email,
    applicantPhone: input.applicant.phone ?? null, applicantCreditScore: input.applicant.creditScore ?? null,
    createdAt: scope.now, expiresAt: new Date(scope.now.getTime() + APPLICATION_TTL_MS),
  });
  recordDomainEvent(manager, { kind: 'APPLICATION_DECIDED', approved: decision.approved, reason: decision.approved ? null : decision.reason });
  if (!decision.approved) {
    return { applicationId: application.id, userErrors: [{ code: 'APPLICATION_DECLINED', field: null, message: `The application was declined (${decision.reason})` }] };
  }
  const today = isoDate(scope.now);
  await manager.getRepository(Offer).insert(decision.programs.map((program) => {
    const offer = buildOffer({ kind: program.kind as ProgramKind, termCount: program.termCount, aprBps: program.aprBps }, amount, today);
    return {
      applicationId: application.id, programId: program.id, kind: program.kind, termCount: program.termCount,
      aprBps: program.aprBps, disclosedAprBps: parseRate(offer.apr), merchantFeeBps: program.merchantFeeBps,
      amountFinanced: offer.amountFinanced, installmentAmount: offer.installmentAmount,
      financeCharge: offer.financeCharge, totalOfPayments: offer.totalOfPayments,
    };
  }));
  return { applicationId: application.id, userErrors: [] };
}

/** "As low as" messaging: the offers every active program would make for an amount, nothing stored. */
export async function paymentEstimates(manager: EntityManager, scope: Scope, merchantId: number | null, money: MoneyInputValue) {
  const merchant = await scopedMerchant(manager, scope, merchantId, ['merchantId']);
  const amount = positiveAmount(money, merchant.currency, ['amount']);
  const programs = await manager.getRepository(FinancingProgram).findBy({ merchantId: merchant.id });
  const today = isoDate(scope.now);
  return {
    currency: merchant.currency,
    /** The capture date every estimate's schedule assumes. */
    startDate: today,
    offers: programs
      .filter((p) => p.retiredAt === null && amount >= p.minAmount && amount <= p.maxAmount)
      .map((p) => ({ programId: p.id, offer: buildOffer({ kind: p.kind as ProgramKind, termCount: p.termCount, aprBps: p.aprBps }, amount, today) })),
  };
}
