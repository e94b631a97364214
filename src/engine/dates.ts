import { EngineError, show } from './engine-error';
import type { IsoDate } from './types';

/** A malformed date or a day/month count that is not an integer or leaves years 0001..9999. */
export class DateError extends EngineError<'INVALID_DATE' | 'INVALID_COUNT' | 'OUT_OF_RANGE'> {}

/** A date split into its calendar parts (month 1..12). */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

// Pure integer calendar math (proleptic Gregorian, days since 1970-01-01): no Date object, no time
// zone, no clock. The conversions are H. Hinnant's days_from_civil / civil_from_days.

/** Days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DASH = 45;

// Digits of s[from..to) as a number, or -1 if any is not 0-9. Hand-rolled because offers parse
// dozens of dates each and a regex match costs several times more.
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k++) {
    const digit = s.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The parts of a 'YYYY-MM-DD' calendar date, or null: for hot loops that build their own error message. */
export function parseIsoDate(x: string): Ymd | null {
  if (typeof x !== 'string' || x.length !== 10 || x.charCodeAt(4) !== DASH || x.charCodeAt(7) !== DASH) return null;
  const y = digits(x, 0, 4);
  const m = digits(x, 5, 7);
  const d = digits(x, 8, 10);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date written 'YYYY-MM-DD' in years 0001..9999 ("2027-02-29" is false). */
export function isIsoDate(x: string): boolean {
  return parseIsoDate(x) !== null;
}

/** The parts of a valid IsoDate; throws INVALID_DATE naming `what` otherwise. */
export function toYmd(date: IsoDate, what = 'date'): Ymd {
  const ymd = parseIsoDate(date);
  if (ymd === null) throw new DateError('INVALID_DATE', `${what} must be a calendar date 'YYYY-MM-DD', got ${show(date)}`);
  return ymd;
}

// "01".."31", indexed by value: schedules format dozens of dates per offer, and padStart per field
// was the largest cost of building one.
const TWO_DIGITS = Array.from({ length: 32 }, (_, k) => String(k).padStart(2, '0'));

/** Formats calendar parts, refusing years outside 0001..9999 (which 'YYYY' cannot hold). */
export function fromYmd(y: number, m: number, d: number): IsoDate {
  if (y < 1 || y > 9999) throw new DateError('OUT_OF_RANGE', `date arithmetic left years 0001..9999 (year ${y})`);
  return (y < 1000 ? String(y).padStart(4, '0') : String(y)) + '-' + TWO_DIGITS[m] + '-' + TWO_DIGITS[d];
}

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (inverse of dayNumber). */
export function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return fromYmd(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new DateError('INVALID_COUNT', `${what} must be an integer, got ${show(n)}`);
}

/** `d` plus `n` days (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  assertCount(n, 'addDays count');
  return fromDayNumber(dayNumber(toYmd(d)) + n);
}

/** `ymd` plus `n` months, the day clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function shiftMonths({ y, m, d }: Ymd, n: number): Ymd {
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { y: year, m: month, d: Math.min(d, daysInMonth(year, month)) };
}

/**
 * `d` plus `n` months, end-of-month clamped. Schedules call it as start + k months for each k, never
 * chained, so a Jan 31 start gives Feb 28, Mar 31, Apr 30 rather than drifting to the 28th.
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  assertCount(n, 'addMonths count');
  const { y, m, d: day } = shiftMonths(toYmd(d), n);
  return fromYmd(y, m, day);
}

/**
 * Day numbers of the dates seen lately: a ledger replay walks the plan's due dates again and again
 * (docs/performance.md, step 26). Only valid dates enter (toYmd throws first), and the memo is
 * bounded, so it changes no result and no error.
 */
const DAY_NUMBERS = new Map<IsoDate, number>();
const MAX_REMEMBERED_DATES = 4096;

function dayOf(date: IsoDate, what: string): number {
  let day = DAY_NUMBERS.get(date);
  if (day === undefined) {
    day = dayNumber(toYmd(date, what));
    if (DAY_NUMBERS.size >= MAX_REMEMBERED_DATES) DAY_NUMBERS.clear();
    DAY_NUMBERS.set(date, day);
  }
  return day;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayOf(to, 'to') - dayOf(from, 'from');
}
