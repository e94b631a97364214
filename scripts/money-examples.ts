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
