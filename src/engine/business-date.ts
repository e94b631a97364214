import type { IsoDate } from './types';

/**
 * The business date of an instant: the calendar day in the lender's time zone. Capture dates, due
 * dates, effective dates, days past due and expiries are all judged by it, so a capture at 22:00 in
 * New York is dated that New York day, not the next UTC day.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD; the parts are read by type anyway, so the locale's order never matters.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function formatBusinessDate(instant: Date, zone: string): IsoDate {
  const parts = formatterFor(zone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Every request asks for the business date of its own clock, and formatToParts is slow, so dates
 * are remembered per zone and UTC minute. That is
 * exact: since 2000 every zone's offset and every one of its transitions falls on a whole minute,
 * so a local midnight never falls inside a UTC minute. Earlier instants (local mean times with
 * seconds) are formatted every time.
 */
const MINUTE_MS = 60_000;
const REMEMBERED_FROM_MS = Date.UTC(2000, 0, 1);
const MAX_REMEMBERED_MINUTES = 10_000;
const rememberedByZone = new Map<string, Map<number, IsoDate>>();

export function businessDate(instant: Date, zone: string): IsoDate {
  const ms = instant.getTime();
  if (!(ms >= REMEMBERED_FROM_MS)) return formatBusinessDate(instant, zone);
  let remembered = rememberedByZone.get(zone);
  if (!remembered) rememberedByZone.set(zone, (remembered = new Map()));
  const minute = Math.floor(ms / MINUTE_MS);
  let date = remembered.get(minute);
  if (date === undefined) {
    if (remembered.size >= MAX_REMEMBERED_MINUTES) remembered.clear();
    date = formatBusinessDate(instant, zone);
    remembered.set(minute, date);
  }
  return date;
}

/** A moment as the lender's rules see it: the instant (expiries) and its business date (everything dated). */
export interface AsOf {
  now: Date;
  today: IsoDate;
}

export const asOf = (now: Date, zone: string): AsOf => ({ now, today: businessDate(now, zone) });
