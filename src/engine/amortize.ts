import { fromYmd, shiftMonths, toYmd } from './dates';
import { splitEvenly } from './distribute';
import { show } from './engine-error';
import { assertRateBps, parseRate } from './rates';
import { RepeatMemo } from './repeat-memo';
import { mulDivHalfUp, roundHalfUp } from './rounding';
import { ScheduleError } from './schedule-error';
import type { IsoDate, Minor, ScheduleRow } from './types';

/** Monthly rate i = bps / MONTHLY_DENOMINATOR exactly (bps / 100 percent / 100 / 12). */
const MONTHLY_DENOMINATOR = 120_000;
/** 50 years of monthly payments: anything longer is a caller bug, not a loan. */
export const MAX_TERM_COUNT = 600;

/**
 * The level payment P·i/(1−(1+i)^−n) rounded half-up, exactly. With i = b/D it equals
 * P·b·(D+b)^n / (D·((D+b)^n − D^n)), a ratio of integers, so bigint decides the cent.
 */
export function exactLevelPayment(principal: number, bps: number, termCount: number): number {
  const D = BigInt(MONTHLY_DENOMINATOR);
  const b = BigInt(bps);
  const grown = (D + b) ** BigInt(termCount);
  const numerator = BigInt(principal) * b * grown;
  return Number(roundHalfUp(numerator, D * (grown - D ** BigInt(termCount))));
}

// The float formula is off from the exact quotient by far less than 1e-11 of the payment (a few ulps
// per operation), so outside that distance from a half cent its rounding is the exact rounding.
const FLOAT_MARGIN = 1e-11;

/**
 * exactLevelPayment, computed in floating point when the result is provably the same (the quotient is
 * not within FLOAT_MARGIN of a tie) and in bigint otherwise: offers are built by the thousand, and
 * bigint powers are slow. A property test checks the two agree.
 */
export function levelPayment(principal: number, bps: number, termCount: number): number {
  const i = bps / MONTHLY_DENOMINATOR;
  const payment = (principal * i) / -Math.expm1(-termCount * Math.log1p(i));
  const fraction = payment - Math.floor(payment);
  if (Math.abs(fraction - 0.5) > FLOAT_MARGIN * payment + 1e-9) return Math.floor(payment + 0.5);
  return exactLevelPayment(principal, bps, termCount);
}

/** Interest of one month on `balance`: balance · i rounded half-up. */
export function monthlyInterest(balance: number, bps: number): number {
  return mulDivHalfUp(balance, bps, MONTHLY_DENOMINATOR);
}

function validate(principal: number, termCount: number, startDate: IsoDate): void {
  if (!Number.isSafeInteger(principal) || principal <= 0) {
    throw new ScheduleError('INVALID_AMOUNT', `principal must be a positive integer of minor units, got ${show(principal)}`);
  }
  if (!Number.isSafeInteger(termCount) || termCount < 1 || termCount > MAX_TERM_COUNT) {
    throw new ScheduleError('INVALID_TERMS', `termCount must be an integer 1..${MAX_TERM_COUNT}, got ${show(termCount)}`);
  }
  toYmd(startDate, 'startDate');
}

/**
 * The due dates of a monthly schedule by start date and term, remembered: every offer of a day starts
 * on that day, and formatting 36 dates was a sixth of an offer's cost. The dates are strings and the
 * arrays frozen, so they are shared safely.
 */
const DUE_DATES = new RepeatMemo<readonly IsoDate[]>(16);

function monthlyDueDates(startDate: IsoDate, termCount: number): readonly IsoDate[] {
  const key = `${startDate}/${termCount}`;
  const kept = DUE_DATES.get(key);
  if (kept !== undefined) return kept;
  const start = toYmd(startDate);
  const dates: IsoDate[] = new Array(termCount);
  for (let k = 0; k < termCount; k++) {
    const { y, m, d } = shiftMonths(start, k + 1); // from the start date, never chained
    dates[k] = fromYmd(y, m, d);
  }
  DUE_DATES.missedWith(key, Object.freeze(dates));
  return dates;
}

/** amortize with the rate already in basis points; buildSchedule calls this to skip the string round trip. */
export function amortizeBps(principal: number, bps: number, termCount: number, startDate: IsoDate): ScheduleRow[] {
  validate(principal, termCount, startDate);
  assertRateBps(bps, 'apr');
  const dueDates = monthlyDueDates(startDate, termCount);
  const rows: ScheduleRow[] = new Array(termCount);
  if (bps === 0) {
    const amounts = splitEvenly(principal, termCount);
    for (let k = 0; k < termCount; k++) {
      rows[k] = { sequence: k + 1, dueDate: dueDates[k], amount: amounts[k] as Minor, principal: amounts[k] as Minor, interest: 0 as Minor };
    }
    return rows;
  }
  const payment = levelPayment(principal, bps, termCount);
  let balance = principal;
  for (let k = 0; k < termCount; k++) {
    const interest = monthlyInterest(balance, bps);
    // The last row takes whatever is left; min() keeps a tiny loan from over-repaying early when the
    // rounded payment overshoots, so the balance never goes negative.
    const part = k === termCount - 1 ? balance : Math.min(payment - interest, balance);
    balance -= part;
    rows[k] = { sequence: k + 1, dueDate: dueDates[k], amount: (part + interest) as Minor, principal: part as Minor, interest: interest as Minor };
  }
  return rows;
}

/**
 * Monthly level-payment schedule: first due one month after `startDate`,
 * interest = balance · apr/1200 half-up each month, the last payment absorbs the rounding so the
 * balance ends at exactly 0. APR "0.00" splits the principal evenly, leftover cents on the first rows.
 */
export function amortize(args: { principal: number; apr: string; termCount: number; startDate: IsoDate }): ScheduleRow[] {
  return amortizeBps(args.principal, parseRate(args.apr), args.termCount, args.startDate);
}
