// Prints the worked examples of docs/money.md from the engine (npm run build && node dist/scripts/money-examples.js).
import { buildSchedule, payoffQuote, replayLedger, type LedgerEvent } from '../src/engine';

const CAPTURE = '2027-01-15';
const money = (minor: number): string => (minor / 100).toFixed(2); // display only
const plan = (principal: number, aprBps: number, termCount: number) => {
  const schedule = buildSchedule({ kind: 'INSTALLMENTS', termCount, aprBps, principal }, CAPTURE);
  return { schedule, captured: principal, aprBps, captureDate: CAPTURE };
};
const pay = (id: string, amount: number, date: string): LedgerEvent => ({ type: 'REPAYMENT', id, amount, date });

function show(title: string, books: ReturnType<typeof plan>, events: LedgerEvent[], asOf: string): void {
  const ledger = replayLedger({ ...books, events });
  console.log(`\n## ${title}`);
  console.log('| # | due | principal | interest | paid |');
  for (const r of ledger.installments.slice(0, 4)) console.log(`| ${r.sequence} | ${r.dueDate} | ${money(r.principal)} | ${money(r.interest)} | ${money(r.amountPaid)} |`);
  console.log(`payoff quote on ${asOf}: ${money(payoffQuote({ ...books, events, asOf }))}; paid ${money(ledger.paid)}, credit ${money(ledger.credit)}`);
}

const thousand = plan(100_000, 1500, 12);
show('1,000.00 at 15% for 12 months, untouched', thousand, [], '2027-02-04');
show('paid on time: 1st installment on 2027-02-15', thousand, [pay('a', thousand.schedule[0].amount, '2027-02-15')], '2027-02-25');
show('paid late: 1st installment on 2027-02-25', thousand, [pay('a', thousand.schedule[0].amount, '2027-02-25')], '2027-02-25');
show('missed: nothing paid', thousand, [], '2027-03-15');
show('partial early: 200.00 on 2027-01-25', thousand, [pay('a', 20_000, '2027-01-25')], '2027-01-25');
show('refund of 400.00 on 2027-01-20', thousand, [{ type: 'REFUND', id: 'f', amount: 40_000, date: '2027-01-20' }], '2027-01-20');
const four = plan(40_000, 1500, 12);
show('400.00 at 15%: 100.00 on the capture date', four, [pay('a', 10_000, CAPTURE)], CAPTURE);
const big = plan(250_000, 2999, 24);
show('2,500.00 at 29.99% for 24 months: 300.00 on the capture date', big, [pay('a', 30_000, CAPTURE)], CAPTURE);

// Refunds and reversals in either order: a refund hands back what was paid beyond the new total and
// records it (creditReturned); the replay keeps that cash out of the plan at the refund.
const refund = (id: string, amount: number, date: string, creditReturned = 0): LedgerEvent => ({ type: 'REFUND', id, amount, date, creditReturned });
function handBack(books: ReturnType<typeof plan>, events: LedgerEvent[]): LedgerEvent[] {
  const last = events[events.length - 1];
  if (last.type !== 'REFUND') return events;
  const { credit } = replayLedger({ ...books, events });
  return [...events.slice(0, -1), { ...last, creditReturned: credit }];
}
function showCash(title: string, books: ReturnType<typeof plan>, events: LedgerEvent[], asOf: string): void {
  const ledger = replayLedger({ ...books, events });
  console.log(`\n## ${title}`);
  console.log(`installments (due/paid): ${ledger.installments.map((r) => `${money(r.amountDue)}/${money(r.amountPaid)}`).join(', ')}`);
  console.log(`balance ${money(ledger.balance)}, payoff quote on ${asOf}: ${money(payoffQuote({ ...books, events, asOf }))}; paid ${money(ledger.paid)}, handed back ${money(ledger.returned)}, lent again ${money(ledger.reAdvanced)}`);
}
const payIn4 = { schedule: buildSchedule({ kind: 'PAY_IN_4', termCount: 4, aprBps: 0, principal: 10_000 }, CAPTURE), captured: 10_000, aprBps: 0, captureDate: CAPTURE };
const threePaid = [pay('a', 2500, CAPTURE), pay('b', 2500, '2027-01-29'), pay('c', 2500, '2027-02-12')];
const refunded = handBack(payIn4, [...threePaid, refund('f', 5000, '2027-02-13')]);
showCash('pay in 4 of 100.00: 25.00 paid three times, 50.00 refunded on 2027-02-13', payIn4, refunded, '2027-02-13');
showCash('... then the 2027-01-29 payment is reversed', payIn4, refunded.filter((e) => e.id !== 'b'), '2027-02-13');
showCash('... or all three are', payIn4, refunded.filter((e) => e.type === 'REFUND'), '2027-02-13');
const reversedFirst = handBack(payIn4, [...threePaid.filter((e) => e.id !== 'b'), refund('f', 5000, '2027-02-13')]);
showCash('the other order: the 2027-01-29 payment reversed, then 50.00 refunded', payIn4, reversedFirst, '2027-02-13');
const paidOff = [pay('a', payoffQuote({ ...thousand, events: [], asOf: '2027-01-25' }), '2027-01-25')];
const thousandRefunded = handBack(thousand, [...paidOff, refund('f', 40_000, '2027-01-30')]);
showCash('1,000.00 at 15%: paid off on 2027-01-25, 400.00 refunded on 2027-01-30', thousand, thousandRefunded, '2027-01-30');
showCash('... then the payoff is reversed', thousand, thousandRefunded.filter((e) => e.type === 'REFUND'), '2027-01-30');
