import { dayNumber, daysInMonth, shiftMonths, type Ymd } from './dates';

// Appendix J (b)(3)-(5) of Regulation Z: how long a unit-period is, how many make a year, and how
// many (whole + fraction) lie between the advance and each payment.

/** A unit-period: a number of months (12 = a year), a semimonth, or a number of days (weeks are 7k days). */
export type UnitPeriod = { kind: 'MONTHS'; months: number } | { kind: 'SEMIMONTH' } | { kind: 'DAYS'; days: number };

/** A date with its day number, so callers compare and subtract without converting twice. */
export interface DatedPoint {
  ymd: Ymd;
  day: number;
}

const YEAR: UnitPeriod = { kind: 'MONTHS', months: 12 };
const STANDARD_UNITS: UnitPeriod[] = [
  { kind: 'DAYS', days: 1 }, { kind: 'DAYS', days: 7 }, { kind: 'SEMIMONTH' },
  { kind: 'MONTHS', months: 1 }, { kind: 'MONTHS', months: 3 }, { kind: 'MONTHS', months: 6 }, YEAR,
];

/** (b)(4): a year is 12 months, 24 semimonths, 52 weeks or 365 days. */
export function periodsPerYear(unit: UnitPeriod): number {
  switch (unit.kind) {
    case 'MONTHS': return 12 / unit.months;
    case 'SEMIMONTH': return 24;
    case 'DAYS': return unit.days % 7 === 0 ? 52 / (unit.days / 7) : 365 / unit.days;
  }
}

/** Average length in days, only to compare unit-periods ("the smaller of such periods"). */
function nominalDays(unit: UnitPeriod): number {
  return 365 / periodsPerYear(unit);
}

const isMonthEnd = ({ y, m, d }: Ymd): boolean => d === daysInMonth(y, m);

// Two days-of-month are "the same" when equal or when the later month clamped a larger anchor day
// (Jan 31 -> Feb 28), so month series built by addMonths from a month-end start stay regular.
function sameDayOfMonth(a: Ymd, b: Ymd): boolean {
  return a.d === b.d || (a.d > b.d && isMonthEnd(b)) || (b.d > a.d && isMonthEnd(a));
}

function isSemimonth(a: Ymd, b: Ymd): boolean {
  if (a.d <= 15) {
    return b.y === a.y && b.m === a.m && (b.d === Math.min(a.d + 15, daysInMonth(b.y, b.m)) || (a.d === 15 && isMonthEnd(b)));
  }
  const next = shiftMonths({ y: a.y, m: a.m, d: 1 }, 1);
  return b.y === next.y && b.m === next.m && (b.d === a.d - 15 || (isMonthEnd(a) && b.d === 15));
}

/** The standard period from `a` to a later `b`: whole months (<= 12), a semimonth, or days. */
export function classifyInterval(a: DatedPoint, b: DatedPoint): UnitPeriod {
  const months = (b.ymd.y - a.ymd.y) * 12 + (b.ymd.m - a.ymd.m);
  if (months >= 1 && months <= 12 && sameDayOfMonth(a.ymd, b.ymd)) return { kind: 'MONTHS', months };
  if (isSemimonth(a.ymd, b.ymd)) return { kind: 'SEMIMONTH' };
  return { kind: 'DAYS', days: b.day - a.day };
}

function capAtYear(unit: UnitPeriod): UnitPeriod {
  return nominalDays(unit) > 365 ? YEAR : unit;
}

const sameUnit = (a: UnitPeriod, b: UnitPeriod): boolean =>
  a.kind === b.kind && (a.kind !== 'MONTHS' || a.months === (b as typeof a).months) && (a.kind !== 'DAYS' || a.days === (b as typeof a).days);

/**
 * (b)(3): the period occurring most often between consecutive payments (ties: the smaller); with no
 * repeated period, the standard unit nearest their average; a single payment's unit-period is the
 * term. Never more than a year. The odd first period (advance to first payment) is left out of the
 * vote, as in the appendix's odd-first-period examples. `points` are sorted and after `advance`.
 */
export function chooseUnitPeriod(advance: DatedPoint, points: DatedPoint[]): UnitPeriod {
  const votes: { unit: UnitPeriod; count: number }[] = []; // a real stream has one or two distinct periods
  let intervals = 0;
  let totalDays = 0;
  for (let k = 1; k < points.length; k++) {
    if (points[k].day === points[k - 1].day) continue; // two payments on one day are one instant
    const unit = classifyInterval(points[k - 1], points[k]);
    intervals += 1;
    totalDays += points[k].day - points[k - 1].day;
    const vote = votes.find((v) => sameUnit(v.unit, unit));
    if (vote) vote.count += 1; else votes.push({ unit, count: 1 });
  }
  if (intervals === 0) return capAtYear(classifyInterval(advance, points[points.length - 1]));
  const best = votes.reduce((a, b) => (b.count > a.count || (b.count === a.count && nominalDays(b.unit) < nominalDays(a.unit)) ? b : a));
  if (best.count === 1 && intervals > 1) {
    const average = totalDays / intervals;
    return STANDARD_UNITS.reduce((a, b) => (Math.abs(nominalDays(b) - average) < Math.abs(nominalDays(a) - average) ? b : a));
  }
  return capAtYear(best.unit);
}

/**
 * `months` months back from `to`. When `to` is a month end that clamped a larger anchor day of the
 * advance (advance Jan 30, payment Feb 28), the counted-back date keeps that day, so schedules built
 * with addMonths from a late-month start measure as whole months with no odd days.
 */
function monthsBack(to: Ymd, months: number, advance: Ymd): number {
  const index = to.y * 12 + (to.m - 1) - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const day = isMonthEnd(to) && advance.d > to.d ? advance.d : to.d;
  return dayNumber({ y, m, d: Math.min(day, daysInMonth(y, m)) });
}

/** Whole months measured back from `to` to `from` ((b)(5)(ii)), and the days left over. */
function monthsAndDays(from: DatedPoint, to: DatedPoint): { months: number; days: number } {
  let months = (to.ymd.y - from.ymd.y) * 12 + (to.ymd.m - from.ymd.m);
  let anchor = monthsBack(to.ymd, months, from.ymd);
  if (anchor < from.day) {
    months -= 1;
    anchor = monthsBack(to.ymd, months, from.ymd);
  }
  return { months, days: anchor - from.day };
}

/**
 * (b)(5): whole unit-periods `t` and fraction `f` from the advance to a payment. Months are measured
 * back from the payment, odd days count 1/30 of a month; semimonths use 30-day months and 15-day
 * halves; years count odd days as 1/365; day and week units divide the day count.
 */
export function unitPeriodsBetween(advance: DatedPoint, payment: DatedPoint, unit: UnitPeriod): { t: number; f: number } {
  let days: number;
  let length: number;
  if (unit.kind === 'DAYS') {
    days = payment.day - advance.day;
    length = unit.days;
  } else {
    const span = monthsAndDays(advance, payment);
    if (unit.kind === 'MONTHS' && unit.months === 12) {
      const years = Math.floor(span.months / 12);
      return { t: years, f: (monthsBack(payment.ymd, years * 12, advance.ymd) - advance.day) / 365 };
    }
    days = span.months * 30 + span.days;
    length = unit.kind === 'SEMIMONTH' ? 15 : unit.months * 30;
  }
  const t = Math.floor(days / length);
  return { t, f: (days - t * length) / length };
}
