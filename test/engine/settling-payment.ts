import { replayLedger, type LedgerEvent, type PlanLedger, type ScheduleRow } from '../../src/engine';

// What recordRepayment does to a payment effective on a date, on the engine's replay alone (never
// through payoffQuote): the oracle of the payoff quote's properties (issue 25 item 6), over the
// engine (payoff-quote.test.ts) and over the API (test/api/payoff-quote.test.ts).

/** A captured plan's books as the engine replays them (ledgerArgs in src/services/ledger-args.ts). */
export interface Books { schedule: ScheduleRow[]; captured: number; aprBps: number; captureDate: string; events: LedgerEvent[] }

export type Verdict = { code: string } | { ledger: PlanLedger };

/**
 * recordRepayment of `amount` effective `asOf`, recorded after every event: more than settles the
 * plan that day over the events effective by then is refused before any replay
 * (AMOUNT_EXCEEDS_BALANCE); the replay with the payment after that day's events may refuse a later
 * repayment (OVERPAYMENT, PLAN_SETTLED); money left held for the shopper is refused
 * (AMOUNT_EXCEEDS_BALANCE).
 */
export function payOn(books: Books, asOf: string, amount: number): Verdict {
  const payment: LedgerEvent = { type: 'REPAYMENT', id: 'paid as quoted', amount, date: asOf };
  const upTo = books.events.filter((e) => e.date <= asOf);
  try {
    replayLedger({ ...books, events: [...upTo, payment] });
  } catch {
    return { code: 'AMOUNT_EXCEEDS_BALANCE' };
  }
  let ledger: PlanLedger;
  try {
    ledger = replayLedger({ ...books, events: [...upTo, payment, ...books.events.filter((e) => e.date > asOf)] });
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
  return ledger.credit > 0 ? { code: 'AMOUNT_EXCEEDS_BALANCE' } : { ledger };
}

/** Paying `amount` on `asOf` (0: nothing) leaves nothing owed, or is refused. */
export function settlesOrRefused(books: Books, asOf: string, amount: number): boolean {
  if (amount === 0) return replayLedger(books).balance === 0;
  const verdict = payOn(books, asOf, amount);
  return 'code' in verdict || verdict.ledger.balance === 0;
}

/** More than settles any plan: everything its schedule asks plus every cent its refunds handed back. */
export const enough = (books: Books): number =>
  books.schedule.reduce((sum, r) => sum + r.amount, 0) + books.events.reduce((sum, e) => sum + (e.type === 'REFUND' ? e.creditReturned ?? 0 : 0), 0) + 1;

/**
 * The least payment on `asOf` that leaves nothing owed or is refused, by bisection (payoff-quote.test.ts
 * samples that the amounts below it leave something owed and those above it settle or are refused).
 */
export function leastSettling(books: Books, asOf: string): number {
  let [lo, hi] = [-1, enough(books)];
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (settlesOrRefused(books, asOf, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
