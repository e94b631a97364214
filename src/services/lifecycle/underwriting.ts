import type { FinancingProgram } from '../../../entities';
import type { Minor } from '../../engine';

/**
 * The documented demo underwriting policy (README, "Underwriting"). Deterministic: the same
 * application and portfolio always get the same decision.
 *  - a past-due or charged-off plan for the same applicant (email) at any partner: DELINQUENT_ACCOUNT;
 *  - credit score under 600: CREDIT_SCORE_TOO_LOW;
 *  - open exposure in this currency (approved, authorized, outstanding principal) plus this amount over
 *    the configured limit (default 15,000.00): EXPOSURE_LIMIT;
 *  - score 720+: every active program whose limits contain the amount;
 *    600-719: pay-in-4 and installment programs up to 12 months; no score given: pay-in-4 only;
 *  - no program left: AMOUNT_OUTSIDE_PROGRAM_LIMITS.
 */
const MIN_SCORE = 600;
const PRIME_SCORE = 720;
const NEAR_PRIME_MAX_TERM = 12;

export interface UnderwritingInput {
  amount: Minor;
  creditScore: number | null;
  /** Open exposure plus this amount would pass the applicant's limit (lifecycle/exposure.ts). */
  exceedsExposureLimit: boolean;
  hasDelinquentPlan: boolean;
  programs: FinancingProgram[];
}

export type Decision = { approved: true; programs: FinancingProgram[] } | { approved: false; reason: string };

export function decide(input: UnderwritingInput): Decision {
  if (input.hasDelinquentPlan) return { approved: false, reason: 'DELINQUENT_ACCOUNT' };
  if (input.creditScore !== null && input.creditScore < MIN_SCORE) return { approved: false, reason: 'CREDIT_SCORE_TOO_LOW' };
  if (input.exceedsExposureLimit) return { approved: false, reason: 'EXPOSURE_LIMIT' };
  const eligible = input.programs.filter((p) =>
    p.retiredAt === null && input.amount >= p.minAmount && input.amount <= p.maxAmount && tierAllows(p, input.creditScore));
  return eligible.length > 0 ? { approved: true, programs: eligible } : { approved: false, reason: 'AMOUNT_OUTSIDE_PROGRAM_LIMITS' };
}

function tierAllows(program: FinancingProgram, score: number | null): boolean {
  if (score === null) return program.kind === 'PAY_IN_4';
  if (score >= PRIME_SCORE) return true;
  return program.kind === 'PAY_IN_4' || program.termCount <= NEAR_PRIME_MAX_TERM;
}
