import * as fc from 'fast-check';
import { addDays, daysBetween, payoffQuote, servicingStatus } from '../../src/engine';
import { booksOf, planCase, RUNS } from './plan-cases';
import { history, serve } from './servicer';
import { enough, leastSettling, payOn, settlesOrRefused } from './settling-payment';

// Issue 25 item 6: a payoff quote is what settles the plan on its date, or it is refused the way that
// payment would be. Over random histories as the services write them (servicer.ts: captures,
// partial, late, early and backdated payments, refunds handing cash back, reversals), for dates from
// the capture to today, the quote is compared with what recordRepayment does to a payment effective
// that day, found by search over the ledger replay alone (settling-payment.ts).

const outcome = (work: () => number): { amount: number } | { code: string } => {
  try {
    return { amount: work() };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
};

/** What the quotes were: accepted before later money moves, refused (by code), nothing owed. */
const seen: Record<string, number> = {};
const count = (what: string) => { seen[what] = (seen[what] ?? 0) + 1; };
afterAll(() => console.log(`payoff quotes: ${JSON.stringify(seen)}`));

describe(payoffQuote.name, () => {
  it('is the payment that settles the plan on its date, or is refused with the code that payment gets', () => {
    // Dates: the capture, today, a few days between, and a few money moves' days and the day before each (where a later move starts to count).
    const picks = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 });
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(fc.property(planCase, history, fc.nat(60), picks, picks, share, (plan, commands, gap, days, moves, sample) => {
      const s = serve(plan, commands);
      const today = addDays(s.today, gap);
      const events = s.events;
      const books = booksOf(plan, events);
      const span = daysBetween(plan.capture, today);
      const dates = new Set([plan.capture, today, ...days.map((x) => addDays(plan.capture, Math.floor(x * span)))]);
      for (const x of events.length > 0 ? moves : []) {
        const { date } = events[Math.min(events.length - 1, Math.floor(x * events.length))];
        for (const d of [date, addDays(date, -1)]) if (d >= plan.capture) dates.add(d);
      }
      for (const asOf of dates) {
        const later = events.some((e) => e.date > asOf);
        const quote = outcome(() => payoffQuote({ ...books, asOf }));
        // The least amount that settles or is refused: where the quote says (checked on both sides of it), else searched.
        const least = 'amount' in quote && settlesOrRefused(books, asOf, quote.amount) && !(quote.amount > 0 && settlesOrRefused(books, asOf, quote.amount - 1))
          ? quote.amount : leastSettling(books, asOf);
        // The premise of both, sampled: below the least amount something is owed; from it on, settled or refused.
        for (const x of [Math.floor(least * sample), least + 1 + Math.floor(sample * (enough(books) - least))]) {
          if (x >= 0) expect([x, settlesOrRefused(books, asOf, x)]).toEqual([x, x >= least]);
        }
        if (least === 0) {
          count('nothing owed');
          expect(quote).toEqual({ amount: 0 });
          continue;
        }
        const paid = payOn(books, asOf, least);
        if ('code' in paid) {
          count(`refused ${paid.code}${later ? ' before later moves' : ''}`);
          expect([asOf, quote]).toEqual([asOf, { code: paid.code }]);
          continue;
        }
        count(later ? 'settles before later moves' : 'settles');
        expect([asOf, quote]).toEqual([asOf, { amount: least }]);
        expect([paid.ledger.balance, paid.ledger.credit]).toEqual([0, 0]);
        expect(['PAID_OFF', 'REFUNDED']).toContain(servicingStatus({ current: 'ACTIVE', ledger: paid.ledger, daysPastDue: 0 }));
      }
    }), { numRuns: RUNS });
    expect(Object.keys(seen)).toEqual(expect.arrayContaining(['settles', 'settles before later moves', 'nothing owed']));
  });
});
