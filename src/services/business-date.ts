import type { IsoDate } from '../engine';

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

export function businessDate(instant: Date, zone: string): IsoDate {
  const parts = formatterFor(zone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A moment as the lender's rules see it: the instant (expiries) and its business date (everything dated). */
export interface AsOf {
  now: Date;
  today: IsoDate;
}

export const asOf = (now: Date, zone: string): AsOf => ({ now, today: businessDate(now, zone) });
