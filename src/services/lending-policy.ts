import type { CurrencyCode } from '../engine';

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
  exposureLimits: Readonly<Record<CurrencyCode, number>>;
}

export const DEFAULT_LENDING_POLICY: LendingPolicy = Object.freeze({
  timeZone: 'America/New_York',
  chargeOffAfterDays: 120,
  exposureLimits: Object.freeze({ USD: 1_500_000, CAD: 1_500_000 }),
});
