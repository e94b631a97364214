import { dayNumber, DateError, parseIsoDate, toYmd } from './dates';
import { formatScaled } from './decimal';
import { EngineError, show } from './engine-error';
import { RepeatMemo } from './repeat-memo';
import type { IsoDate } from './types';
import { chooseUnitPeriod, periodsPerYear, unitPeriodsBetween, type DatedPoint } from './unit-period';

/** A payment stream with no meaningful APR, or a solver that failed to converge. */
export class AprError extends EngineError<'INVALID_AMOUNT' | 'INVALID_PAYMENTS' | 'NO_CONVERGENCE'> {}

/** The input of an APR computation: one advance, then payments in date order. */
export interface AprArgs {
  amountFinanced: number;
  advanceDate: IsoDate;
  payments: { date: IsoDate; amount: number }[];
}

/** The disclosed APR with what the solver needed to reach it. */
export interface AprSolution {
  apr: string;
  /** Unit-period rate i of Appendix J's general equation. */
  unitRate: number;
  periodsPerYear: number;
  /** Newton/bisection steps used; bounded by MAX_APR_ITERATIONS. */
  iterations: number;
}

/**
 * Hard cap on solver steps. Newton from below converges in a handful for any real loan; the cap only
 * guarantees that a pathological stream fails loudly instead of spinning.
 */
export const MAX_APR_ITERATIONS = 100;
// A step below 1e-12 of i (plus 1e-15 absolute, for rates near zero where float noise in the present
// value is of that size) moves the APR by far less than 0.005 points: i is final.
const RELATIVE_TOLERANCE = 1e-12;
const ABSOLUTE_TOLERANCE = 1e-15;

interface Stream {
  amounts: number[];
  t: number[];
  f: number[];
  total: number;
}

/** When each payment falls, in unit-periods from the advance ((b)(3)-(5)): all a stream's dates decide. */
interface Timing {
  dates: IsoDate[];
  t: number[];
  f: number[];
  periodsPerYear: number;
}

function assertPaymentAmount(amount: number, k: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new AprError('INVALID_AMOUNT', `payment ${k + 1} amount must be a non-negative integer of minor units, got ${show(amount)}`);
  }
}

/** Checks each payment (amount, then date) in order, as a stream is refused payment by payment. */
function timingOf(advanceDate: IsoDate, payments: AprArgs['payments']): Timing {
  const ymd = toYmd(advanceDate, 'advanceDate');
  const advance: DatedPoint = { ymd, day: dayNumber(ymd) };
  const points: DatedPoint[] = new Array(payments.length);
  for (let k = 0; k < payments.length; k++) {
    const { date, amount } = payments[k];
    assertPaymentAmount(amount, k);
    // parseIsoDate, not toYmd: a per-payment error label would be built even when nothing is wrong.
    const p = parseIsoDate(date);
    if (p === null) throw new DateError('INVALID_DATE', `payment ${k + 1} date must be a calendar date 'YYYY-MM-DD', got ${show(date)}`);
    points[k] = { ymd: p, day: dayNumber(p) };
    if (points[k].day < (k === 0 ? advance.day : points[k - 1].day)) {
      throw new AprError('INVALID_PAYMENTS', `payment ${k + 1} on ${show(date)} is before the advance or the previous payment`);
    }
  }
  const unit = chooseUnitPeriod(advance, points);
  const timing: Timing = { dates: payments.map((p) => p.date), t: new Array(points.length), f: new Array(points.length), periodsPerYear: periodsPerYear(unit) };
  for (let k = 0; k < points.length; k++) {
    const { t, f } = unitPeriodsBetween(advance, points[k], unit);
    timing.t[k] = t;
    timing.f[k] = f;
  }
  return timing;
}

/**
 * The timings of the streams asked for lately, by advance date and payment count: offers are built by
 * the thousand for the same start date and terms, every estimate of a day (docs/performance.md, step 28).
 * A timing is used only when every date matches, so it changes no result; only valid streams enter
 * (timingOf throws first).
 */
const TIMINGS = new RepeatMemo<Timing>(16);

function rememberedTiming(advanceDate: IsoDate, payments: AprArgs['payments']): Timing {
  const key = `${advanceDate}/${payments.length}`;
  const kept = TIMINGS.get(key);
  // The key holds the advance date (valid dates have no '/'), so only the payment dates are left to compare.
  if (kept !== undefined && payments.every((p, k) => p.date === kept.dates[k])) return kept;
  const timing = timingOf(advanceDate, payments);
  TIMINGS.missedWith(key, timing);
  return timing;
}

function toStream(args: AprArgs): { stream: Stream; periodsPerYear: number } {
  const { amountFinanced, advanceDate, payments } = args;
  if (!Number.isSafeInteger(amountFinanced) || amountFinanced <= 0) {
    throw new AprError('INVALID_AMOUNT', `amountFinanced must be a positive integer of minor units, got ${show(amountFinanced)}`);
  }
  if (!Array.isArray(payments) || payments.length === 0) throw new AprError('INVALID_PAYMENTS', 'payments must be a non-empty array');
  // A remembered timing's dates were all valid and in order, so only the amounts are left to check.
  const { t, f, periodsPerYear } = rememberedTiming(advanceDate, payments);
  const amounts: number[] = new Array(payments.length);
  let total = 0;
  for (let k = 0; k < payments.length; k++) {
    const { amount } = payments[k];
    assertPaymentAmount(amount, k);
    amounts[k] = amount;
    total += amount;
  }
  return { stream: { amounts, t, f, total }, periodsPerYear };
}

/** Present value of the stream at unit rate i (Appendix J (b)(8)) and its derivative in i. */
function presentValue(s: Stream, i: number): { value: number; slope: number } {
  const base = 1 + i;
  let value = 0;
  let slope = 0;
  let growth = 1; // (1+i)^t, advanced incrementally because t never decreases along the stream
  let lastT = 0;
  for (let k = 0; k < s.amounts.length; k++) {
    const t = s.t[k];
    if (t !== lastT) {
      growth *= t - lastT === 1 ? base : base ** (t - lastT);
      lastT = t;
    }
    const f = s.f[k];
    const odd = 1 + f * i;
    const v = s.amounts[k] / (odd * growth);
    value += v;
    slope -= v * (f / odd + t / base);
  }
  return { value, slope };
}

/**
 * Finds i with PV(i) = amountFinanced. PV falls and is convex in i, so Newton started below the root
 * climbs to it monotonically; the bracket [lo, hi] catches a start above it and any step that leaves.
 */
function solveUnitRate(s: Stream, amountFinanced: number): { rate: number; iterations: number } {
  let weighted = 0;
  for (let k = 0; k < s.amounts.length; k++) weighted += s.amounts[k] * (s.t[k] + s.f[k]);
  if (weighted === 0) throw new AprError('INVALID_PAYMENTS', 'payments exceed the amount financed yet all fall on the advance date: the rate is infinite');
  let i = (s.total - amountFinanced) / weighted; // simple-interest rate: a start at or below the root
  let lo = 0;
  let hi = Infinity;
  for (let iterations = 1; iterations <= MAX_APR_ITERATIONS; iterations++) {
    const { value, slope } = presentValue(s, i);
    const gap = value - amountFinanced;
    if (gap === 0) return { rate: i, iterations };
    if (gap > 0) lo = i; else hi = i;
    let next = i - gap / slope;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * i : (lo + hi) / 2;
    if (Math.abs(next - i) <= RELATIVE_TOLERANCE * next + ABSOLUTE_TOLERANCE) return { rate: next, iterations };
    i = next;
  }
  throw new AprError('NO_CONVERGENCE', `APR solver did not converge in ${MAX_APR_ITERATIONS} steps for amountFinanced ${amountFinanced}`);
}

/** The APR with the solver's working (unit rate, periods per year, iterations). */
export function solveApr(args: AprArgs): AprSolution {
  const { stream, periodsPerYear } = toStream(args);
  if (stream.total < args.amountFinanced) {
    throw new AprError('INVALID_PAYMENTS', `payments total ${stream.total}, less than amountFinanced ${args.amountFinanced}: no finance charge to rate`);
  }
  if (stream.total === args.amountFinanced) return { apr: '0.00', unitRate: 0, periodsPerYear, iterations: 0 };
  const { rate, iterations } = solveUnitRate(stream, args.amountFinanced);
  const hundredths = Math.round(rate * periodsPerYear * 10_000);
  return { apr: formatScaled(hundredths, 2), unitRate: rate, periodsPerYear, iterations };
}

/**
 * The APR of a payment stream by the actuarial method of Regulation Z Appendix J, as a percent string
 * rounded to two decimals ("9.69"). A stream that repays exactly the amount financed is "0.00".
 */
export function annualPercentageRate(args: AprArgs): string {
  return solveApr(args).apr;
}
