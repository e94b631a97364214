import type { Plan } from '../../../entities';
import { applicationStatusAt, asMinor, authorizationStatusAt, type CurrencyCode, type Minor, type PlanStatus, planStatusAt } from '../../engine';
import type { CommandContext } from './command-context';
import type { UnitOfWork } from './command-runner';

export interface ApplicantExposure {
  /** Open credit per currency in minor units; currencies are never added together. */
  byCurrency: Map<CurrencyCode, Minor>;
  /** A DELINQUENT or CHARGED_OFF plan at any partner. */
  hasDelinquentPlan: boolean;
}

/**
 * Serializes one applicant's credit decisions (deciding an application, accepting an offer) until
 * the transaction ends (ApplicantRepository.lock: a locked row per applicant on MySQL; on SQLite
 * every write transaction already runs alone).
 */
export const lockApplicant = ({ tx }: UnitOfWork, ctx: CommandContext, email: string): Promise<void> => tx.applicants.lock(email, ctx.now);

const CAPTURED: PlanStatus[] = ['ACTIVE', 'DELINQUENT'];

/**
 * Open exposure of one applicant across every partner, per currency: approved applications not yet
 * expired or used, authorizations not yet lapsed, and the principal still outstanding on captured
 * plans. `exceptApplicationId` leaves out the application whose offer is being accepted (its amount
 * is what the caller adds).
 */
export async function applicantExposure(
  { tx }: UnitOfWork, ctx: CommandContext, email: string, exceptApplicationId: number | null = null,
): Promise<ApplicantExposure> {
  const approved = await tx.applicants.applicationsIn(email, 'APPROVED');
  const plans = await tx.applicants.plansIn(email, ['AUTHORIZED', ...CAPTURED, 'CHARGED_OFF']);
  const captured = plans.filter((p) => CAPTURED.includes(p.status));
  const installments = await tx.books.installmentsOfPlans(captured.map((p) => p.id));

  const byCurrency = new Map<CurrencyCode, Minor>();
  const add = (currency: CurrencyCode, minor: number) => byCurrency.set(currency, asMinor((byCurrency.get(currency) ?? 0) + minor));
  for (const a of approved) {
    if (a.id !== exceptApplicationId && applicationStatusAt(a, ctx.now) === 'APPROVED') add(a.currency, a.amount);
  }
  for (const p of plans) {
    if (authorizationStatusAt(p, ctx.now) === 'AUTHORIZED') add(p.currency, p.authorizedAmount);
  }
  const currencyOfPlan = new Map(captured.map((p) => [p.id, p.currency]));
  for (const i of installments) add(currencyOfPlan.get(i.planId)!, i.principal - i.principalPaid);
  // Judged as reads show it (planStatusAt), not as last stored: a plan that turned delinquent since the last sweep counts.
  const statusOf = (p: Plan) => planStatusAt(p, installments.filter((i) => i.planId === p.id), ctx, ctx.policy);
  return { byCurrency, hasDelinquentPlan: plans.some((p) => ['DELINQUENT', 'CHARGED_OFF'].includes(statusOf(p))) };
}

/** True when `amount` more of `currency` would take the applicant past the configured limit. */
export const exceedsLimit = (exposure: ApplicantExposure, ctx: CommandContext, currency: CurrencyCode, amount: Minor): boolean =>
  (exposure.byCurrency.get(currency) ?? 0) + amount > ctx.policy.exposureLimits[currency];
