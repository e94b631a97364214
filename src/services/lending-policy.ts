import { asMinor, type CurrencyCode, type Minor } from '../engine';

/**
 * The lender's rules that operators configure (README "Configuration"): the time zone business
 * dates are taken in, when a plan is charged off, and how much open credit one applicant may hold.
 */
export interface LendingPolicy {
  /** IANA zone of business dates (TENOR_TIME_ZONE, default America/New_York). */
  timeZone: string;
  /** Days past due from which the maintenance sweep charges a plan off (CHARGE_OFF_AFTER_DAYS, default 120). */
  chargeOffAfterDays: number;
  /** Largest open exposure per applicant, per currency, in minor units (EXPOSURE_LIMIT_USD, EXPOSURE_LIMIT_CAD). */
  exposureLimits: Readonly<Record<CurrencyCode, Minor>>;
}

export const DEFAULT_LENDING_POLICY: LendingPolicy = Object.freeze({
  timeZone: 'America/New_York',
  chargeOffAfterDays: 120,
  exposureLimits: Object.freeze({ USD: asMinor(1_500_000), CAD: asMinor(1_500_000) }),
});

/**
 * What a financing program may offer: the product's limits, not configured. Admin validation
 * (resolvers/admin/admin.input.ts), the admin service and their messages read them from here.
 */
export const PROGRAM_LIMITS = Object.freeze({
  /** Installment programs run minTermMonths..maxTermMonths monthly payments (pay in 4 has 4). */
  minTermMonths: 3,
  maxTermMonths: 36,
  /** Largest nominal APR, in basis points (36.00%). */
  maxAprBps: 3600,
});
