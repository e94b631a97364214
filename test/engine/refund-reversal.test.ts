import * as fc from 'fast-check';
import { addDays } from '../../src/engine';
import { oracleInterest, part, planCase, quoteOn, refunded, repaid, returnedCash, RUNS, sum } from './plan-cases';
import { history, seen, serve, type Servicer } from './servicer';

// Refunds and reversals in any order (docs/money.md, "Refunds and reversals in either order"), over
// the histories the services write (servicer.ts).

/**
 * What is wrong with the books of `s`, as test/support/invariants.ts checks the stored rows: one
 * list checked once, so thousands of histories stay fast and a failure names every problem.
 */
function bookProblems(s: Servicer): string[] {
  const { ledger, plan } = s;
  const events = s.events;
  const rows = ledger.installments;
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => { if (!ok) problems.push(problem); };
  check(ledger.paid === repaid(events) && ledger.returned === returnedCash(events) && ledger.refunded === refunded(events), 'totals differ from the events');
  // In = on the installments + handed back, once the cash lent again is counted as owed.
  const onInstallments = sum(rows.map((r) => r.amountPaid));
  check(onInstallments + ledger.credit + ledger.returned === ledger.paid + ledger.reAdvanced,
    `paid ${ledger.paid} + lent again ${ledger.reAdvanced} != on installments ${onInstallments} + held ${ledger.credit} + returned ${ledger.returned}`);
  // Nothing is ever left held for the shopper: a refund hands it back, a payment may not create it.
  check(ledger.credit === 0, `${ledger.credit} held for the shopper`);
  check(ledger.reAdvanced <= ledger.returned, 'lent again more than was handed back');
  check(sum(rows.map((r) => r.principal)) === plan.principal - ledger.refunded + ledger.reAdvanced, 'principal is not captured - refunded + lent again');
  check(ledger.balance === sum(rows.map((r) => r.amountDue - r.amountPaid)), 'balance is not the installments\' outstanding');
  rows.forEach((r, k) => {
    check(r.amountDue === r.principal + r.interest && r.amountPaid === r.principalPaid + r.interestPaid, `#${r.sequence}: parts do not add up`);
    check(r.amountPaid <= r.amountDue, `#${r.sequence}: overpaid`);
    check(Math.min(r.principal, r.interest, r.principalPaid, r.interestPaid) >= 0, `#${r.sequence}: negative amount`);
    check(r.interest <= plan.schedule[k].interest, `#${r.sequence}: interest above the schedule`);
  });
  const attributed = new Map<number, [number, number]>();
  for (const x of ledger.attribution) {
    const [p, i] = attributed.get(x.sequence) ?? [0, 0];
    attributed.set(x.sequence, [p + x.principal, i + x.interest]);
  }
  for (const r of rows) {
    const [p, i] = attributed.get(r.sequence) ?? [0, 0];
    check(p === r.principalPaid && i === r.interestPaid, `#${r.sequence}: attribution ${p}+${i} != paid ${r.principalPaid}+${r.interestPaid}`);
  }
  const allocated = new Map<string, number>();
  for (const x of ledger.allocations) allocated.set(x.eventId, (allocated.get(x.eventId) ?? 0) + x.principal + x.interest);
  const standing = events.filter((e) => e.type === 'REPAYMENT');
  for (const e of standing) check(allocated.get(e.id) === e.amount, `${e.id}: allocations ${allocated.get(e.id)} != ${e.amount}`);
  const ids = new Set(standing.map((e) => e.id));
  check(ledger.attribution.every((x) => ids.has(x.eventId) && x.principal >= 0 && x.interest >= 0), 'attribution of a reversed payment or negative');
  return problems;
}

let largestExcess = -Infinity;
afterAll(() => {
  console.log(`refunds and reversals: ${JSON.stringify(seen)}; paid net of cash handed back - (principal kept + accrued interest), largest: ${largestExcess.toFixed(2)} minor units`);
});

describe('refunds and reversals in any order', () => {
  it('balance every cent after every command, and no reversal is ever refused', () => {
    fc.assert(fc.property(planCase, history, (plan, commands) => {
      serve(plan, commands, (s, c, before) => {
        const problems = bookProblems(s);
        // A refund never raises what an installment asks, cash lent again included.
        if (c.kind === 'refund' && s.ledger.installments.some((r, k) => r.amountDue > before.installments[k].amountDue)) problems.push('a refund raised an installment');
        expect(problems).toEqual([]);
      });
      expect(seen.refusedReversals).toBe(0);
    }), { numRuns: RUNS });
  });

  it('paying off afterwards settles the plan, and the shopper has paid, net of cash handed back, the principal kept plus the interest charged', () => {
    fc.assert(fc.property(planCase, history, fc.nat(400), (plan, commands, gap) => {
      const s = serve(plan, commands);
      s.today = addDays(s.today, gap);
      const quote = quoteOn(plan, s.events, s.today);
      if (quote > 0) expect(s.pay(quote, s.today)).toBe(true);
      const { ledger } = s;
      expect([ledger.balance, ledger.credit, quoteOn(plan, s.events, s.today)]).toEqual([0, 0, 0]);
      const kept = plan.principal - ledger.refunded;
      const net = ledger.paid - ledger.returned;
      // Nothing lost, nothing counted twice: cash handed back that a reversed payment had funded was paid again.
      expect(net).toBe(kept + sum(ledger.installments.map((r) => r.interest)));
      if (plan.aprBps === 0) expect(net).toBe(kept);
      // The engine rounds each period's interest half-up once; the oracle does not round at all.
      const excess = net - (kept + oracleInterest(plan, s.events));
      largestExcess = Math.max(largestExcess, excess);
      expect(excess).toBeLessThanOrEqual(0.5 * plan.termCount);
    }), { numRuns: RUNS });
  });

  it('on an interest-free plan, refund-then-reversal and reversal-then-refund leave the shopper owing the same, net of cash handed back', () => {
    const interestFree = planCase.filter((p) => p.aprBps === 0);
    const payments = fc.array(fc.record({ kind: fc.constant('pay' as const), how: fc.constantFrom('next' as const, 'part' as const), share: fc.double({ min: 0, max: 1, noNaN: true }), back: fc.constant(0) }), { minLength: 1, maxLength: 5 });
    fc.assert(fc.property(interestFree, payments, fc.nat(60), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (plan, paid, wait, refundShare, reverseShare) => {
        const owedNet = (order: 'refund first' | 'reverse first'): number => {
          const s = serve(plan, paid);
          s.today = addDays(s.today, wait);
          const refund = part(refundShare, plan.principal);
          if (order === 'refund first') { s.refund(refund); s.reverse(reverseShare); } else { s.reverse(reverseShare); s.refund(refund); }
          expect(bookProblems(s)).toEqual([]);
          return quoteOn(plan, s.events, s.today) - s.ledger.returned;
        };
        expect(owedNet('refund first')).toBe(owedNet('reverse first'));
      }), { numRuns: RUNS });
  });
});
