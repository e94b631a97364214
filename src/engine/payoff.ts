import { assertRateBps } from './rates';
import { daysBetween, toYmd } from './dates';
import { show } from './engine-error';
import type { InstallmentState } from './installment-state';
import { LedgerError } from './ledger-error';
import { roundHalfUp } from './rounding';
import type { IsoDate, Minor } from './types';

/** Interest accrues at APR/365 per day: bps · days / (100 · 100 · 365). */
const DAILY_DENOMINATOR = 3_650_000n;

/** A payoff quote and the part of it that is interest on installments not yet due. */
export interface PayoffBreakdown {
  quote: Minor;
  /** Interest the not-yet-due installments keep in total when the plan is paid off (the rest is waived). */
  futureInterest: Minor;
}

/**
 * The payoff quote with its breakdown. Interest already paid toward installments not yet due counts
 * toward the accrued interest, so a shopper who paid ahead is never charged twice for the same days.
 */
export function payoffBreakdown(args: { installments: readonly InstallmentState[]; aprBps: number; captureDate: IsoDate; asOf: IsoDate }): PayoffBreakdown {
  const { installments, aprBps, captureDate, asOf } = args;
  assertRateBps(aprBps, 'aprBps');
  toYmd(asOf, 'asOf');
  if (daysBetween(captureDate, asOf) < 0) {
    throw new LedgerError('INVALID_DATE', `payoff asOf ${show(asOf)} is before the capture date ${show(captureDate)}`);
  }
  let outstandingPrincipal = 0;
  let dueInterest = 0;
  let prepaidInterest = 0;
  let futureCapacity = 0;
  let accruesFrom = captureDate;
  for (const row of installments) {
    outstandingPrincipal += row.principal - row.principalPaid;
    if (row.dueDate <= asOf) { // ISO dates compare as strings
      dueInterest += row.interest - row.interestPaid;
      if (row.dueDate > accruesFrom) accruesFrom = row.dueDate;
    } else {
      prepaidInterest += row.interestPaid;
      futureCapacity += row.interest;
    }
  }
  const accrued = Number(roundHalfUp(BigInt(outstandingPrincipal) * BigInt(aprBps) * BigInt(daysBetween(accruesFrom, asOf)), DAILY_DENOMINATOR));
  // Never more than the schedule still asks for, which also keeps the quote <= the balance.
  const futureInterest = Math.min(Math.max(accrued, prepaidInterest), futureCapacity);
  return { quote: outstandingPrincipal + dueInterest + futureInterest - prepaidInterest, futureInterest };
}

/**
 * What settles the plan on `asOf`: outstanding principal, unpaid interest of installments due by then,
 * and interest accrued on the outstanding principal at APR/365 per day since the latest due date on or
 * before `asOf` (or the capture date), rounded half-up; never more than the balance.
 */
export function payoffQuote(args: { installments: InstallmentState[]; aprBps: number; captureDate: IsoDate; asOf: IsoDate }): Minor {
  return payoffBreakdown(args).quote;
}
