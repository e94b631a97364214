import * as fc from 'fast-check';
import { addDays, replayLedger, type LedgerEvent, type PlanLedger } from '../../src/engine';
import { booksOf, ceilingOn, part, returnedCash, type PlanCase } from './plan-cases';

// Random histories as the services write them (src/services/lifecycle/plan.service.ts), on the engine
// alone: a refund hands back in cash whatever was paid beyond the plan's new total and records it on
// the refund (creditReturned); a reversal leaves a payment out of the replay, whenever it comes; a
// payment may be backdated but never leaves money held for the shopper. Shared by the properties of
// refunds and reversals (refund-reversal.test.ts) and of payable quotes (payoff-quote.test.ts).

export type Command =
  | { kind: 'pay'; how: 'next' | 'part' | 'payoff'; share: number; back: number }
  | { kind: 'refund'; share: number }
  | { kind: 'reverse'; share: number }
  | { kind: 'wait'; days: number };

export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({
    kind: fc.constant('pay' as const), how: fc.constantFrom('next' as const, 'next' as const, 'part' as const, 'payoff' as const),
    share: fc.double({ min: 0, max: 1, noNaN: true }), back: fc.oneof(fc.constant(0), fc.nat(30)),
  }) },
  // Refunds of most of what is left, often: they are the ones that hand cash back.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), share: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.8, max: 1, noNaN: true })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.nat(45) }) },
);
export const history = fc.array(command, { maxLength: 14 });

/** What the histories exercised, over every run of the test file that serves them. */
export const seen = { histories: 0, commands: 0, cashReturned: 0, reversedAfterCashReturned: 0, lentAgain: 0, refundAfterReversal: 0, refusedReversals: 0 };

/**
 * One plan serviced as src/services/lifecycle/plan.service.ts does it, on the engine alone: events
 * kept in recording order, replayed in effective-date order, refused commands leaving nothing behind.
 */
export class Servicer {
  today: string;
  ledger: PlanLedger;
  private recorded: { seq: number; event: LedgerEvent }[] = [];
  private seq = 0;
  private reversed = false;

  constructor(readonly plan: PlanCase) {
    this.today = plan.capture;
    this.ledger = replayLedger(booksOf(plan, []));
  }

  get events(): LedgerEvent[] {
    return [...this.recorded].sort((a, b) => a.event.date.localeCompare(b.event.date) || a.seq - b.seq).map((x) => x.event);
  }

  /** Replays `recorded` and keeps it if the engine takes it and `accept` agrees; false when refused. */
  private attempt(recorded: { seq: number; event: LedgerEvent }[], accept: (ledger: PlanLedger) => boolean = () => true): boolean {
    const events = [...recorded].sort((a, b) => a.event.date.localeCompare(b.event.date) || a.seq - b.seq).map((x) => x.event);
    let ledger: PlanLedger;
    try { ledger = replayLedger(booksOf(this.plan, events)); } catch { return false; }
    if (!accept(ledger)) return false;
    [this.recorded, this.ledger] = [recorded, ledger];
    return true;
  }

  /** `most`: what the plan takes on `date` (recordRepayment refuses more before replaying). */
  pay(amount: number, date: string, most = ceilingOn(this.plan, this.events, date)): boolean {
    if (this.ledger.balance === 0) return false; // PAID_OFF or REFUNDED: the service refuses by status
    if (most === 0 || amount > most) return false;
    const event: LedgerEvent = { type: 'REPAYMENT', id: `r${++this.seq}`, amount, date };
    // A backdated payment landing before a refund that already handed back the surplus would be held: refused.
    return this.attempt([...this.recorded, { seq: this.seq, event }], (ledger) => ledger.credit === 0);
  }

  refund(amount: number): boolean {
    if (amount > this.plan.principal - this.ledger.refunded) return false;
    const event = { type: 'REFUND' as const, id: `f${++this.seq}`, amount, date: this.today, creditReturned: 0 };
    const recorded = [...this.recorded, { seq: this.seq, event }];
    if (!this.attempt(recorded)) return false;
    event.creditReturned = this.ledger.credit; // handed back now, in cash
    if (event.creditReturned > 0) seen.cashReturned += 1;
    if (this.reversed) seen.refundAfterReversal += 1;
    return this.attempt(recorded);
  }

  reverse(share: number): void {
    const standing = this.recorded.filter((x) => x.event.type === 'REPAYMENT');
    const dropped = standing[Math.floor(share * standing.length)];
    if (!dropped) return;
    const cashOut = returnedCash(this.events) > 0;
    if (!this.attempt(this.recorded.filter((x) => x !== dropped))) { seen.refusedReversals += 1; return; }
    this.reversed = true;
    if (cashOut) seen.reversedAfterCashReturned += 1;
    if (this.ledger.reAdvanced > 0) seen.lentAgain += 1;
  }

  run(c: Command): boolean {
    if (c.kind === 'wait') { this.today = addDays(this.today, c.days); return false; }
    if (c.kind === 'reverse') { this.reverse(c.share); return true; }
    if (c.kind === 'refund') {
      const room = this.plan.principal - this.ledger.refunded;
      return room > 0 && this.refund(part(c.share, room));
    }
    const back = addDays(this.today, -c.back);
    const date = back < this.plan.capture ? this.plan.capture : back;
    const most = ceilingOn(this.plan, this.events, date);
    if (most === 0) return false;
    const next = this.ledger.installments.find((r) => r.amountPaid < r.amountDue);
    const amount = c.how === 'payoff' ? most : c.how === 'next' && next ? Math.min(most, next.amountDue - next.amountPaid) : part(c.share, most);
    return this.pay(amount, date, most);
  }
}

export function serve(plan: PlanCase, commands: Command[], afterEach: (s: Servicer, c: Command, before: PlanLedger) => void = () => {}): Servicer {
  const s = new Servicer(plan);
  seen.histories += 1;
  for (const c of commands) {
    const before = s.ledger;
    if (s.run(c)) seen.commands += 1;
    afterEach(s, c, before);
  }
  return s;
}

