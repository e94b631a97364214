import * as fc from 'fast-check';
import {
  addDays, annualPercentageRate, buildOffer, chargedTerms, replayLedger, type LedgerEvent, type PlanLedger,
} from '../../src/engine';
import { booksOf, oracleInterest, part, planCase, quoteOn, RUNS, type PlanCase } from './plan-cases';

// Properties of the one interest model (docs/money.md) over random plans and random histories.

type StepKind = 'onTime' | 'late' | 'partial' | 'payoff' | 'refund' | 'reverse' | 'skip';
const step = fc.record({
  kind: fc.constantFrom<StepKind>('onTime', 'onTime', 'late', 'partial', 'partial', 'payoff', 'refund', 'reverse', 'skip'),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  days: fc.nat(45),
});

/** Plays random steps on a plan, keeping only what the ledger accepts; dates never go backwards. */
function play(plan: PlanCase, steps: { kind: StepKind; share: number; days: number }[]) {
  let events: LedgerEvent[] = [];
  let date = plan.capture;
  let ledger = replayLedger(booksOf(plan, events));
  const tryEvents = (next: LedgerEvent[]): void => {
    try { ledger = replayLedger(booksOf(plan, next)); events = next; } catch { /* refused: the service would refuse it too */ }
  };
  steps.forEach((s, k) => {
    const unpaid = ledger.installments.find((r) => r.amountPaid < r.amountDue);
    if ((s.kind === 'onTime' || s.kind === 'late') && unpaid) {
      const due = unpaid.dueDate > date ? unpaid.dueDate : date;
      date = s.kind === 'late' ? addDays(due, 1 + s.days) : due;
    } else date = addDays(date, s.days);
    const quote = quoteOn(plan, events, date);
    const room = plan.principal - ledger.refunded;
    const pay = (amount: number): void => tryEvents([...events, { type: 'REPAYMENT', id: `e${k}`, amount, date }]);
    if ((s.kind === 'onTime' || s.kind === 'late') && unpaid && quote > 0) pay(Math.min(quote, unpaid.amountDue - unpaid.amountPaid));
    if (s.kind === 'partial' && quote > 1) pay(part(s.share, quote));
    if (s.kind === 'payoff' && quote > 0) pay(quote);
    if (s.kind === 'refund' && room > 0) tryEvents([...events, { type: 'REFUND', id: `e${k}`, amount: part(s.share, room), date }]);
    if (s.kind === 'reverse') {
      const repayments = events.filter((e) => e.type === 'REPAYMENT');
      const dropped = repayments[Math.floor(s.share * repayments.length)];
      if (dropped) tryEvents(events.filter((e) => e !== dropped));
    }
  });
  return { events, ledger, date };
}

const totalPaid = (events: LedgerEvent[]): number => events.filter((e) => e.type === 'REPAYMENT').reduce((a, e) => a + e.amount, 0);

describe(chargedTerms.name, () => {
  it('paying part early never costs more: X + payoff(d\') <= the untouched twin\'s payoff(d\')', () => {
    fc.assert(fc.property(planCase, fc.array(step, { maxLength: 8 }), fc.nat(60), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(900),
      (plan, steps, gap, share, later) => {
        const { events, date } = play(plan, steps);
        const d = addDays(date, gap);
        const quote = quoteOn(plan, events, d);
        fc.pre(quote > 1);
        const x = part(share, quote);
        const dLater = addDays(d, later);
        const twin = quoteOn(plan, events, dLater);
        const prepaid = quoteOn(plan, [...events, { type: 'REPAYMENT', id: 'x', amount: x, date: d }], dLater);
        expect(x + prepaid).toBeLessThanOrEqual(twin);
      }), { numRuns: RUNS });
  });

  let largestExcess = -Infinity;
  let largestSlack = 0;
  afterAll(() => {
    // Slack is interest the schedule's cap forgave a late payer.
    console.log(`paid - (principal + accrued interest) over the runs, in minor units: largest ${largestExcess.toFixed(2)}, most below ${largestSlack.toFixed(2)}`);
  });

  it('over a plan\'s life the shopper pays at most principal + interest accrued on the principal actually owed', () => {
    fc.assert(fc.property(planCase, fc.array(step, { maxLength: 10 }), fc.nat(400), (plan, steps, gap) => {
      const played = play(plan, steps);
      let { events } = played;
      const end = addDays(played.date, gap);
      const quote = quoteOn(plan, events, end);
      if (quote > 0) events = [...events, { type: 'REPAYMENT', id: 'payoff', amount: quote, date: end }];
      const ledger = replayLedger(booksOf(plan, events));
      expect(ledger.balance).toBe(0);
      const refunded = ledger.refunded;
      const netPaid = totalPaid(events) - ledger.credit;
      const bound = plan.principal - refunded + oracleInterest(plan, events);
      // The engine rounds each period's interest half-up once; the oracle does not round at all.
      const excess = netPaid - bound;
      largestExcess = Math.max(largestExcess, excess);
      largestSlack = Math.max(largestSlack, -excess);
      expect(excess).toBeLessThanOrEqual(0.5 * plan.termCount);
    }), { numRuns: RUNS });
  });

  it('paying every installment on its due date costs exactly the disclosed total of payments and pays the plan off', () => {
    fc.assert(fc.property(planCase, (plan) => {
      const offer = buildOffer({ kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps }, plan.principal, plan.capture);
      const events: LedgerEvent[] = plan.schedule.map((row) => ({ type: 'REPAYMENT', id: `r${row.sequence}`, amount: row.amount, date: row.dueDate }));
      const ledger = replayLedger(booksOf(plan, events));
      expect([ledger.paid, ledger.paidOff, ledger.credit, ledger.balance]).toEqual([offer.totalOfPayments, true, 0, 0]);
    }), { numRuns: RUNS });
  });

  it('charges no fee: principal is what was kept, interest never above the schedule, every cent accounted for', () => {
    fc.assert(fc.property(planCase, fc.array(step, { maxLength: 10 }), (plan, steps) => {
      const { events, ledger } = play(plan, steps);
      const refunded = events.filter((e) => e.type === 'REFUND').reduce((a, e) => a + e.amount, 0);
      const rows = ledger.installments;
      expect(rows.reduce((a, r) => a + r.principal, 0)).toBe(plan.principal - refunded);
      rows.forEach((r, k) => expect(r.interest).toBeLessThanOrEqual(plan.schedule[k].interest));
      expectConservation(ledger, events);
    }), { numRuns: RUNS });
  });

  it('a refund never raises what an installment asks', () => {
    fc.assert(fc.property(planCase, fc.array(step, { maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (plan, steps, share) => {
      const { events, ledger, date } = play(plan, steps);
      const room = plan.principal - ledger.refunded;
      fc.pre(room > 0);
      const after = replayLedger(booksOf(plan, [...events, { type: 'REFUND', id: 'f', amount: part(share, room), date }]));
      after.installments.forEach((r, k) => expect(r.amountDue).toBeLessThanOrEqual(ledger.installments[k].amountDue));
    }), { numRuns: RUNS });
  });

  it('keeps the Regulation Z disclosure the one its schedule implies', () => {
    fc.assert(fc.property(planCase, (plan) => {
      const offer = buildOffer({ kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps }, plan.principal, plan.capture);
      const total = plan.schedule.reduce((a, r) => a + r.amount, 0);
      const apr = annualPercentageRate({ amountFinanced: plan.principal, advanceDate: plan.capture, payments: plan.schedule.map((r) => ({ date: r.dueDate, amount: r.amount })) });
      expect([offer.totalOfPayments, offer.financeCharge, offer.apr]).toEqual([total, total - plan.principal, apr]);
    }), { numRuns: RUNS });
  });
});

function expectConservation(ledger: PlanLedger, events: LedgerEvent[]): void {
  const repaid = totalPaid(events);
  const rows = ledger.installments;
  expect(rows.reduce((a, r) => a + r.amountPaid, 0) + ledger.credit).toBe(repaid);
  for (const r of rows) {
    expect(r.amountPaid).toBeLessThanOrEqual(r.amountDue);
    const here = ledger.attribution.filter((x) => x.sequence === r.sequence);
    expect(here.reduce((a, x) => a + x.principal + x.interest, 0)).toBe(r.amountPaid);
  }
  for (const e of events.filter((x) => x.type === 'REPAYMENT')) {
    expect(ledger.allocations.filter((x) => x.eventId === e.id).reduce((a, x) => a + x.principal + x.interest, 0)).toBe(e.amount);
  }
}
