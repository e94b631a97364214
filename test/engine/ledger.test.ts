import * as fc from 'fast-check';
import {
  addDays, buildSchedule, daysPastDue, delinquencyBucket, merchantFee, payoffQuote, replayLedger, servicingStatus,
  type LedgerEvent, type PlanLedger, type ScheduleRow,
} from '../../src/engine';
import { RUNS } from './plan-cases';

const CAPTURE = '2027-01-15';
const payIn4 = (total: number): ScheduleRow[] => buildSchedule({ kind: 'PAY_IN_4', termCount: 4, aprBps: 0, principal: total }, CAPTURE);
const installments = (principal: number, aprBps: number, termCount = 12): ScheduleRow[] =>
  buildSchedule({ kind: 'INSTALLMENTS', termCount, aprBps, principal }, CAPTURE);
const pay = (id: string, amount: number, date: string): LedgerEvent => ({ type: 'REPAYMENT', id, amount, date });
const refund = (id: string, amount: number, date: string): LedgerEvent => ({ type: 'REFUND', id, amount, date });
const books = (schedule: ScheduleRow[], aprBps: number, events: LedgerEvent[]) =>
  ({ schedule, captured: schedule.reduce((a, r) => a + r.principal, 0), aprBps, captureDate: CAPTURE, events });
const replay = (schedule: ScheduleRow[], aprBps: number, events: LedgerEvent[]): PlanLedger => replayLedger(books(schedule, aprBps, events));
const quoteOn = (schedule: ScheduleRow[], aprBps: number, events: LedgerEvent[], asOf: string): number =>
  payoffQuote({ ...books(schedule, aprBps, events), asOf });

describe(replayLedger.name, () => {
  it('pays off a pay-in-4 of 100.01 with its four payments and refuses a fifth', () => {
    const schedule = payIn4(10_001);
    const events = schedule.map((row, k) => pay(`r${k}`, row.amount, row.dueDate));
    const ledger = replay(schedule, 0, events);
    expect([ledger.paidOff, ledger.balance, ledger.paid, ledger.credit]).toEqual([true, 0, 10_001, 0]);
    expect(ledger.installments.every((r) => r.status === 'PAID')).toBe(true);
    expect(() => replay(schedule, 0, [...events, pay('r5', 1, '2027-03-01')])).toThrow(expect.objectContaining({ code: 'PLAN_SETTLED' }));
  });

  it('reduces a refund from the last installment backwards', () => {
    const ledger = replay(payIn4(10_000), 0, [pay('r1', 2500, CAPTURE), refund('f1', 5000, '2027-01-20')]);
    expect(ledger.installments.map((r) => [r.amountDue, r.status])).toEqual([[2500, 'PAID'], [2500, 'PENDING'], [0, 'CANCELLED'], [0, 'CANCELLED']]);
    expect([ledger.balance, ledger.credit, ledger.refunded]).toEqual([2500, 0, 5000]);
  });

  it('turns what was paid beyond the new total into credit', () => {
    const ledger = replay(payIn4(10_000), 0, [pay('r1', 2500, CAPTURE), refund('f1', 8000, '2027-01-20')]);
    expect(ledger.installments.map((r) => [r.amountDue, r.amountPaid])).toEqual([[2000, 2000], [0, 0], [0, 0], [0, 0]]);
    expect([ledger.balance, ledger.credit, ledger.paidOff]).toEqual([0, 500, true]);
  });

  it('refunds everything: all amounts due 0, everything paid is credit, fully refunded', () => {
    const ledger = replay(installments(80_000, 1500), 1500, [pay('r1', 7221, '2027-02-15'), refund('f1', 80_000, '2027-02-20')]);
    expect(ledger.installments.every((r) => r.amountDue === 0 && r.status === 'CANCELLED')).toBe(true);
    expect([ledger.credit, ledger.fullyRefunded, ledger.paidOff, ledger.balance]).toEqual([7221, true, false, 0]);
  });

  it('charges no interest on refunded principal: interest is recomputed on the reduced balance', () => {
    const schedule = installments(80_000, 1500);
    const ledger = replay(schedule, 1500, [refund('f1', 40_000, '2027-01-20')]);
    expect(ledger.installments[0].interest).toBe(500); // 400.00 · 1.25%
    expect(ledger.installments.slice(-5).every((r) => r.interest === 0 && r.principal === 0)).toBe(true);
    expect(ledger.installments.reduce((a, r) => a + r.principal, 0)).toBe(40_000);
  });

  it('refuses a refund beyond what was captured and not yet refunded', () => {
    expect(() => replay(payIn4(10_000), 0, [refund('f1', 6000, CAPTURE), refund('f2', 4001, CAPTURE)]))
      .toThrow(expect.objectContaining({ code: 'REFUND_EXCEEDS_CAPTURED', message: expect.stringContaining('4000') }));
  });

  it('refuses a repayment above the payoff quote', () => {
    expect(() => replay(payIn4(10_000), 0, [pay('r1', 10_001, CAPTURE)])).toThrow(expect.objectContaining({ code: 'OVERPAYMENT' }));
  });

  it('settles at the payoff quote, charging interest only for the days the principal was owed', () => {
    const schedule = installments(80_000, 1500);
    const quote = quoteOn(schedule, 1500, [], '2027-01-25');
    expect(quote).toBe(80_000 + 329); // 10 days of 15%/365 on 800.00 = 3.2877 -> 3.29
    const ledger = replay(schedule, 1500, [pay('r1', quote, '2027-01-25')]);
    expect([ledger.paidOff, ledger.balance, ledger.credit]).toEqual([true, 0, 0]);
    expect(ledger.installments.reduce((a, r) => a + r.interest, 0)).toBe(329);
  });

  it('splits a partial repayment interest before principal, oldest first', () => {
    const ledger = replay(installments(80_000, 1500), 1500, [pay('r1', 8000, '2027-02-15')]);
    expect(ledger.allocations).toEqual([
      { eventId: 'r1', sequence: 1, principal: 6221, interest: 1000 },
      { eventId: 'r1', sequence: 2, principal: 0, interest: 779 },
    ]);
    expect(ledger.installments[1].status).toBe('PARTIALLY_PAID');
  });

  it('reverses a repayment exactly by replaying without it', () => {
    const schedule = payIn4(10_000);
    const events = [pay('r1', 2500, CAPTURE), pay('r2', 2500, '2027-01-29'), pay('r3', 3000, '2027-02-12')];
    expect(replay(schedule, 0, events).installments.map((r) => r.amountPaid)).toEqual([2500, 2500, 2500, 500]);
    const reversed = replay(schedule, 0, events.filter((e) => e.id !== 'r2'));
    expect(reversed.installments.map((r) => r.amountPaid)).toEqual([2500, 2500, 500, 0]);
    expect(reversed.allocations.filter((a) => a.eventId === 'r3')).toEqual([
      { eventId: 'r3', sequence: 2, principal: 2500, interest: 0 }, { eventId: 'r3', sequence: 3, principal: 500, interest: 0 },
    ]);
  });

  describe('cash a refund handed back, when a payment it came from is reversed (docs/money.md)', () => {
    // 100.00 pay in 4, 25.00 paid three times, then 50.00 refunded: 25.00 handed back in cash.
    const schedule = payIn4(10_000);
    const paid = [pay('r1', 2500, CAPTURE), pay('r2', 2500, '2027-01-29'), pay('r3', 2500, '2027-02-12')];
    const refunded: LedgerEvent = { type: 'REFUND', id: 'f1', amount: 5000, date: '2027-02-13', creditReturned: 2500 };
    const without = (...ids: string[]) => [...paid, refunded].filter((e) => !ids.includes(e.id));

    it('keeps the cash out of the plan at the refund: nothing is held, nothing owed', () => {
      const ledger = replay(schedule, 0, without());
      expect([ledger.balance, ledger.credit, ledger.returned, ledger.reAdvanced, ledger.paidOff]).toEqual([0, 0, 2500, 0, true]);
    });

    it('after reversing one 25.00 payment, the shopper owes 25.00 again', () => {
      const ledger = replay(schedule, 0, without('r2'));
      expect(ledger.installments.map((r) => [r.amountDue, r.amountPaid])).toEqual([[2500, 2500], [2500, 0], [0, 0], [0, 0]]);
      expect([ledger.balance, ledger.credit, ledger.reAdvanced, ledger.paidOff]).toEqual([2500, 0, 0, false]);
      // The money of the latest payment is what was handed back; r1 still pays installment 1.
      expect(ledger.attribution).toEqual([{ eventId: 'r1', sequence: 1, principal: 2500, interest: 0 }]);
      expect(quoteOn(schedule, 0, without('r2'), '2027-02-13')).toBe(2500);
    });

    it('after reversing every payment, the 25.00 handed back is lent again, owed on installment 3, which the refund had cancelled', () => {
      const ledger = replay(schedule, 0, without('r1', 'r2', 'r3'));
      expect(ledger.installments.map((r) => [r.amountDue, r.amountPaid])).toEqual([[2500, 0], [2500, 0], [2500, 0], [0, 0]]);
      expect([ledger.balance, ledger.reAdvanced, ledger.paid]).toEqual([7500, 2500, 0]);
    });

    it('a backdated payment before the refund funds the cash again: paid off', () => {
      const ledger = replay(schedule, 0, [paid[0], pay('r4', 2500, '2027-02-01'), paid[2], refunded]);
      expect([ledger.balance, ledger.credit, ledger.reAdvanced, ledger.paidOff]).toEqual([0, 0, 0, true]);
    });

    it('a full refund whose cash a reversed payment had funded is not REFUNDED until that cash is repaid', () => {
      const full: LedgerEvent = { type: 'REFUND', id: 'f1', amount: 10_000, date: '2027-01-20', creditReturned: 2500 };
      const reopened = replay(schedule, 0, [full]);
      expect([reopened.balance, reopened.fullyRefunded, reopened.paidOff]).toEqual([2500, false, false]);
      const repaid = replay(schedule, 0, [full, pay('r5', 2500, '2027-02-01')]);
      expect([repaid.balance, repaid.fullyRefunded, repaid.paidOff]).toEqual([0, true, false]);
    });

    it('a plan paid off and then refunded in full hands back everything paid, interest included, and is REFUNDED (issue 25 item 5)', () => {
      const plan = installments(100_000, 1500);
      const full = replay(plan, 1500, [pay('r1', 100_411, '2027-01-25'), refund('f1', 100_000, '2027-01-30')]);
      expect([full.credit, full.balance, full.fullyRefunded, full.paidOff]).toEqual([100_411, 0, true, false]);
      expect(servicingStatus({ current: 'PAID_OFF', ledger: full, daysPastDue: 0 })).toBe('REFUNDED');
      // The payoff bounces: the shopper owes the cash handed back (no interest: nothing is financed any more), REFUNDED again once repaid.
      const handedBack: LedgerEvent = { type: 'REFUND', id: 'f1', amount: 100_000, date: '2027-01-30', creditReturned: 100_411 };
      const reopened = replay(plan, 1500, [handedBack]);
      expect([reopened.balance, reopened.fullyRefunded, quoteOn(plan, 1500, [handedBack], '2027-03-01')]).toEqual([100_411, false, 100_411]);
      const repaid = replay(plan, 1500, [handedBack, pay('r2', 100_411, '2027-03-01')]);
      expect(servicingStatus({ current: 'ACTIVE', ledger: repaid, daysPastDue: 0 })).toBe('REFUNDED');
    });

    it('refuses a negative or fractional creditReturned', () => {
      for (const creditReturned of [-1, 0.5]) {
        expect(() => replay(schedule, 0, [{ ...refunded, creditReturned }])).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', message: expect.stringContaining('creditReturned') }));
      }
    });
  });

  it('refuses malformed events naming them', () => {
    const schedule = payIn4(10_000);
    expect(() => replay(schedule, 0, [pay('r1', 0, CAPTURE)])).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', message: expect.stringContaining('"r1"') }));
    expect(() => replay(schedule, 0, [pay('r1', 1.5, CAPTURE)])).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => replay(schedule, 0, [pay('r1', 100, '2027-01-14')])).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => replayLedger({ schedule, captured: 9_999, aprBps: 0, captureDate: CAPTURE, events: [] })).toThrow(expect.objectContaining({ code: 'INVALID_SCHEDULE' }));
  });

  it('refuses money dated before money already taken: the caller sorts by effective date', () => {
    const schedule = installments(100_000, 1_500);
    const late = [pay('r1', 5_000, '2027-03-01'), pay('r2', 5_000, '2027-02-01')];
    expect(() => replay(schedule, 1_500, late)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', message: expect.stringContaining('2027-02-01 came late') }));
    const cashBackLate = [pay('r1', 5_000, '2027-03-01'), { ...refund('f1', 90_000, '2027-02-01'), creditReturned: 1_000 }];
    expect(() => replay(schedule, 1_500, cashBackLate)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    // A refund that hands nothing back moves no money: its terms apply whatever its place.
    expect(replay(schedule, 1_500, [pay('r1', 5_000, '2027-03-01'), refund('f1', 10_000, '2027-02-01')]).refunded).toBe(10_000);
  });

  it('replays a long history: 300 payments every three days, each allocated in full', () => {
    const schedule = installments(2_000_000, 2_999, 36);
    const events = Array.from({ length: 300 }, (_, k) => pay(`w${k}`, 1_000, addDays('2027-01-16', k * 3)));
    const ledger = replay(schedule, 2_999, events);
    expect(ledger.paid).toBe(300_000);
    const byEvent = new Map<string, number>();
    for (const a of ledger.allocations) byEvent.set(a.eventId, (byEvent.get(a.eventId) ?? 0) + a.principal + a.interest);
    expect([...byEvent.values()].every((amount) => amount === 1_000)).toBe(true);
    expect(byEvent.size).toBe(300);
  });

  describe('invariants over any sequence of repayments, refunds and reversals', () => {
    const plan = fc.oneof(
      fc.integer({ min: 5_000, max: 100_000 }).map((p) => ({ schedule: payIn4(p), aprBps: 0 })),
      fc.tuple(fc.integer({ min: 10_000, max: 1_000_000 }), fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 3, max: 36 }))
        .map(([p, bps, n]) => ({ schedule: installments(p, bps, n), aprBps: bps })),
    );
    const step = fc.record({ kind: fc.constantFrom('pay', 'pay', 'payoff', 'refund', 'reverse'), share: fc.double({ min: 0, max: 1, noNaN: true }), days: fc.nat(40) });

    it('conserves every cent and never overpays an installment', () => {
      fc.assert(fc.property(plan, fc.array(step, { maxLength: 12 }), ({ schedule, aprBps }, steps) => {
        const captured = schedule.reduce((a, r) => a + r.principal, 0);
        let events: LedgerEvent[] = [];
        let date = CAPTURE;
        let ledger = replay(schedule, aprBps, events);
        steps.forEach((s, k) => {
          date = addDays(date, s.days);
          const quote = quoteOn(schedule, aprBps, events, date);
          const room = captured - ledger.refunded;
          let event: LedgerEvent | undefined;
          if (s.kind === 'pay' && quote > 1) event = pay(`e${k}`, 1 + Math.floor(s.share * (quote - 1)), date);
          if (s.kind === 'payoff' && quote > 0) event = pay(`e${k}`, quote, date);
          if (s.kind === 'refund' && room > 0) event = refund(`e${k}`, 1 + Math.floor(s.share * (room - 1)), date);
          if (s.kind === 'reverse') {
            const repayments = events.filter((e) => e.type === 'REPAYMENT');
            const dropped = repayments[Math.floor(s.share * repayments.length)];
            if (dropped) {
              // A reversal can make a later payoff exceed the new quote; the service would then refuse the reversal.
              try { ledger = replay(schedule, aprBps, events.filter((e) => e !== dropped)); events = events.filter((e) => e !== dropped); } catch { /* refused */ }
            }
          }
          if (event) { events.push(event); ledger = replay(schedule, aprBps, events); }
          checkInvariants(ledger, events, captured);
        });
      }), { numRuns: RUNS });
    });
  });
});

function checkInvariants(ledger: PlanLedger, events: LedgerEvent[], captured: number): void {
  const repaid = events.filter((e) => e.type === 'REPAYMENT').reduce((a, e) => a + e.amount, 0);
  const refunded = events.filter((e) => e.type === 'REFUND').reduce((a, e) => a + e.amount, 0);
  const rows = ledger.installments;
  // Conservation: every cent repaid is either on an installment or owed back as credit.
  expect(ledger.paid).toBe(repaid);
  expect(rows.reduce((a, r) => a + r.amountPaid, 0) + ledger.credit).toBe(repaid);
  expect(ledger.allocations.reduce((a, x) => a + x.principal + x.interest, 0)).toBe(repaid);
  for (const e of events.filter((x) => x.type === 'REPAYMENT')) {
    expect(ledger.allocations.filter((x) => x.eventId === e.id).reduce((a, x) => a + x.principal + x.interest, 0)).toBe(e.amount);
  }
  // Principal owed is what was captured and not refunded.
  expect(rows.reduce((a, r) => a + r.principal, 0)).toBe(captured - refunded);
  expect(ledger.balance).toBe(rows.reduce((a, r) => a + r.amountDue - r.amountPaid, 0));
  for (const r of rows) {
    expect(r.amountDue).toBe(r.principal + r.interest);
    expect(r.amountPaid).toBe(r.principalPaid + r.interestPaid);
    expect(r.amountPaid).toBeLessThanOrEqual(r.amountDue);
    expect(Math.min(r.principal, r.interest, r.principalPaid, r.interestPaid)).toBeGreaterThanOrEqual(0);
  }
  expect(ledger.allocations.every((x) => x.principal >= 0 && x.interest >= 0)).toBe(true);
  expect(ledger.credit > 0 ? ledger.balance : 0).toBe(0);
  // Attribution: where the money sits now. Per installment it is exactly what is paid; the rest is credit.
  for (const r of rows) {
    const here = ledger.attribution.filter((x) => x.sequence === r.sequence);
    expect(here.reduce((a, x) => a + x.principal, 0)).toBe(r.principalPaid);
    expect(here.reduce((a, x) => a + x.interest, 0)).toBe(r.interestPaid);
  }
  expect(ledger.attribution.reduce((a, x) => a + x.principal + x.interest, 0) + ledger.credit).toBe(repaid);
  expect(ledger.attribution.every((x) => x.principal >= 0 && x.interest >= 0)).toBe(true);
}

describe(payoffQuote.name, () => {
  it('equals the balance for a 0% plan', () => {
    expect(quoteOn(payIn4(10_000), 0, [pay('r1', 2500, CAPTURE)], '2027-02-20')).toBe(7500);
  });

  it('adds unpaid due interest and daily accrual since the last due date', () => {
    // Missed first payment (interest 10.00) + 800.00 principal + 10 days since 2027-02-15 = 3.29.
    expect(quoteOn(installments(80_000, 1500), 1500, [], '2027-02-25')).toBe(80_000 + 1000 + 329);
  });

  it.each([
    [40_000, 1500, 12, 10_000, 30_000], // 400.00 at 15%: used to leave 313.83
    [250_000, 2999, 24, 30_000, 220_000], // 2,500.00 at 29.99%: used to cost 143.49 extra
  ])('after %i at %i bps over %i months and %i paid on the capture date, the same-day payoff is the rest: %i', (principal, bps, n, early, rest) => {
    const schedule = installments(principal, bps, n);
    const prepaid = [pay('r1', early, CAPTURE)];
    expect(quoteOn(schedule, bps, prepaid, CAPTURE)).toBe(rest);
    expect(replay(schedule, bps, [...prepaid, pay('r2', rest, CAPTURE)]).paidOff).toBe(true);
  });

  it('charges only the interest of the principal owed after a prepayment: 400.00 - 100.00 earns 3.75 a month at 15%', () => {
    const ledger = replay(installments(40_000, 1500), 1500, [pay('r1', 10_000, CAPTURE)]);
    expect(ledger.installments.slice(0, 3).map((r) => r.interest)).toEqual([375, 375, 375]);
  });

  it('settles a 36-month plan at 36% with the quote on the capture date (no interest parked on later installments)', () => {
    const schedule = installments(100_000, 3600, 36);
    expect(quoteOn(schedule, 3600, [], CAPTURE)).toBe(100_000);
    expect(replay(schedule, 3600, [pay('r1', 100_000, CAPTURE)]).paidOff).toBe(true);
  });

  it('gives back interest paid ahead: 200.00 paid on 2027-01-25, the quote that day is 1,000.00 + 4.11 - 200.00', () => {
    expect(quoteOn(installments(100_000, 1500), 1500, [pay('r1', 20_000, '2027-01-25')], '2027-01-25')).toBe(80_411);
  });

  it('never exceeds the balance', () => {
    const { balance } = replay(installments(80_000, 1500), 1500, []);
    expect(quoteOn(installments(80_000, 1500), 1500, [], '2030-01-01')).toBe(balance);
  });

  describe('before money that moved later (issue 25 item 6): what settles the plan on that date, or refused as that payment is', () => {
    const quote = (schedule: ScheduleRow[], aprBps: number, events: LedgerEvent[], asOf: string) => {
      try {
        return quoteOn(schedule, aprBps, events, asOf);
      } catch (error) {
        return (error as { code: string }).code;
      }
    };

    it('counts a later refund: 100.00 pay in 4, 25.00 paid, 50.00 refunded on 2027-02-13; on 2027-01-20, 25.00 settles it (75.00 would be held)', () => {
      const schedule = payIn4(10_000);
      const events = [pay('r1', 2500, CAPTURE), refund('f1', 5000, '2027-02-13')];
      expect(quote(schedule, 0, events, '2027-01-20')).toBe(2500);
      const settled = replay(schedule, 0, [events[0], pay('r2', 2500, '2027-01-20'), events[1]]);
      expect([settled.balance, settled.credit, settled.paidOff]).toEqual([0, 0, true]);
      expect(replay(schedule, 0, [events[0], pay('r2', 7500, '2027-01-20'), events[1]]).credit).toBe(5000);
    });

    it('counts a later repayment: 25.00 paid on 2027-02-12, so 50.00 on 2027-01-20 settles the rest of 100.00', () => {
      const schedule = payIn4(10_000);
      const events = [pay('r1', 2500, CAPTURE), pay('r3', 2500, '2027-02-12')];
      expect(quote(schedule, 0, events, '2027-01-20')).toBe(5000);
      expect(replay(schedule, 0, [events[0], pay('r2', 5000, '2027-01-20'), events[1]]).balance).toBe(0);
    });

    // docs/money.md: 1,000.00 at 15%, paid off on 2027-01-25 with 1,004.11, 400.00 refunded on 2027-01-30
    // handing back 401.64, then the payoff bounced. The cash handed back is owed again.
    const schedule = installments(100_000, 1500);
    const bounced: LedgerEvent[] = [{ type: 'REFUND', id: 'f1', amount: 40_000, date: '2027-01-30', creditReturned: 40_164 }];

    it('the day before the refund: 600.00 kept + 14 days on it (3.45) + the 401.64 handed back', () => {
      expect(quote(schedule, 1500, bounced, '2027-01-29')).toBe(60_000 + 345 + 40_164);
      expect(replay(schedule, 1500, [pay('r2', 100_509, '2027-01-29'), ...bounced]).balance).toBe(0);
      expect(quote(schedule, 1500, bounced, '2027-01-30')).toBe(100_534);
    });

    it('refuses a date where that sum is more than the plan took that day: 1,002.87 on 2027-01-20, when 1,002.05 settled it then', () => {
      expect(quote(schedule, 1500, bounced, '2027-01-20')).toBe('AMOUNT_EXCEEDS_BALANCE');
      expect(() => replay(schedule, 1500, [pay('r2', 100_287, '2027-01-20'), ...bounced])).toThrow(expect.objectContaining({ code: 'OVERPAYMENT' }));
      expect(replay(schedule, 1500, [pay('r2', 100_205, '2027-01-20'), ...bounced]).balance).toBeGreaterThan(0);
    });

    it('refuses a date where the payment that settles the plan leaves a later repayment nothing to pay (PLAN_SETTLED)', () => {
      // Found by test/engine/payoff-quote.test.ts: a cent paid on 11-12, then a refund handing back cash a reversed payment had paid.
      const plan = installments(211_693, 2463, 27);
      const events: LedgerEvent[] = [pay('r3', 1, '2027-02-11'), { type: 'REFUND', id: 'f2', amount: 189_883, date: '2027-02-13', creditReturned: 191_037 }];
      expect(quote(plan, 2463, events, CAPTURE)).toBe('PLAN_SETTLED');
      expect(() => replay(plan, 2463, [pay('r2', 211_693, CAPTURE), ...events])).toThrow(expect.objectContaining({ code: 'PLAN_SETTLED' }));
    });

    it('is 0 for a plan that owes nothing, on any date', () => {
      const schedule4 = payIn4(10_000);
      expect([CAPTURE, '2027-01-20', '2027-03-01'].map((asOf) => quote(schedule4, 0, [pay('r1', 10_000, '2027-01-25')], asOf))).toEqual([0, 0, 0]);
    });
  });
});

describe(daysPastDue.name, () => {
  it('counts 45 days after a missed first due date and the plan turns DELINQUENT', () => {
    const ledger = replay(payIn4(10_000), 0, []);
    const days = daysPastDue(ledger.installments, addDays(CAPTURE, 45));
    expect(days).toBe(45);
    expect(servicingStatus({ current: 'ACTIVE', ledger, daysPastDue: days })).toBe('DELINQUENT');
  });

  it('is 0 on the due date itself and when everything due is paid', () => {
    const ledger = replay(payIn4(10_000), 0, [pay('r1', 2500, CAPTURE)]);
    expect(daysPastDue(ledger.installments, CAPTURE)).toBe(0);
    expect(daysPastDue(ledger.installments, '2027-01-29')).toBe(0);
    expect(daysPastDue(ledger.installments, '2027-02-01')).toBe(3);
  });
});

describe(delinquencyBucket.name, () => {
  it.each([[0, 'CURRENT'], [1, 'DPD_1_29'], [29, 'DPD_1_29'], [30, 'DPD_30_59'], [59, 'DPD_30_59'], [60, 'DPD_60_89'], [90, 'DPD_90_119'], [119, 'DPD_90_119'], [120, 'DPD_120_PLUS'], [4000, 'DPD_120_PLUS']])(
    '%i days is %s', (days, bucket) => expect(delinquencyBucket(days)).toBe(bucket));

  it('refuses a negative or fractional count', () => {
    expect(() => delinquencyBucket(-1)).toThrow(expect.objectContaining({ code: 'INVALID_DAYS' }));
    expect(() => delinquencyBucket(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_DAYS' }));
  });
});

describe(merchantFee.name, () => {
  it('charges the rate on net capture, rounded half-up', () => {
    expect(merchantFee({ captured: 10_050, refunded: 0, feeRateBps: 350 })).toBe(352); // 351.75
    expect(merchantFee({ captured: 10_050, refunded: 10_050, feeRateBps: 350 })).toBe(0);
  });

  it('never drifts when taken as differences of cumulative fees', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 1000 }), (parts, bps) => {
      let captured = 0;
      let fees = 0;
      for (const part of parts) {
        const before = merchantFee({ captured, refunded: 0, feeRateBps: bps });
        captured += part;
        fees += merchantFee({ captured, refunded: 0, feeRateBps: bps }) - before;
      }
      return fees === merchantFee({ captured, refunded: 0, feeRateBps: bps });
    }));
  });

  it('refuses refunds above captures', () => {
    expect(() => merchantFee({ captured: 100, refunded: 101, feeRateBps: 300 })).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });
});
