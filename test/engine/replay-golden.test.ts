import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays, buildSchedule, payoffQuote, replayLedger, type LedgerEvent, type ProgramKind } from '../../src/engine';

// Answers of the ledger replay and the payoff quote for 1,000 seeded histories (partial, early, late,
// same-day and after-the-end payments, refunds with cash handed back, every refusal), pinned as hashes
// of what the engine answered when they were recorded (fixtures/replay-golden.json). A change to how
// the replay computes (e.g. walking the timeline once instead of once per payment) must give every
// answer and every refusal exactly as before. `UPDATE_REPLAY_GOLDEN=1` rewrites the file: only when a
// change of the answers themselves is intended and documented.
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay-golden.json');
const HISTORIES = 1_000;

/** mulberry32: a small seeded generator, so the histories are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function history(seed: number) {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const kind: ProgramKind = r() < 0.25 ? 'PAY_IN_4' : 'INSTALLMENTS';
  const termCount = kind === 'PAY_IN_4' ? 4 : pick([3, 6, 12, 24, 36]);
  const aprBps = kind === 'PAY_IN_4' ? 0 : pick([0, 999, 1999, 2999, 3600]);
  const captureDate = pick(['2027-01-15', '2027-01-31', '2028-02-29', '2027-12-31', '2027-03-30']);
  const principal = int(5_000, 2_000_000);
  const schedule = buildSchedule({ kind, termCount, aprBps, principal }, captureDate);
  const installment = schedule[0].amount;
  const events: LedgerEvent[] = [];
  // Most histories pay about the schedule; one in ten is long (up to 160 small, frequent payments).
  const long = r() < 0.1;
  let day = 0;
  let refunded = 0;
  for (let k = 0, n = long ? int(60, 160) : int(0, 2 * termCount + 4); k < n; k++) {
    day += long ? int(0, 7) : pick([0, 0, 1, 7, 14, 30, 31, int(0, 45)]);
    const date = addDays(captureDate, day);
    if (r() < (long ? 0.02 : 0.08) && refunded < principal) {
      const amount = int(1, Math.max(1, Math.floor((principal - refunded) / 3)));
      refunded += amount;
      events.push({ type: 'REFUND', id: `f${k}`, amount, date, creditReturned: r() < 0.5 ? 0 : int(0, installment) });
    } else {
      const amount = long ? int(1, Math.max(1, Math.floor(installment / 4))) : r() < 0.05 ? int(installment, 3 * installment) : pick([installment, int(1, installment), int(1, 500)]);
      events.push({ type: 'REPAYMENT', id: `p${k}`, amount, date });
    }
  }
  // A third settle: the payoff quote paid on a later day (refused like any payment if the books are).
  if (r() < 0.33) {
    const date = addDays(captureDate, day + int(0, 20));
    const quote = outcome(() => payoffQuote({ schedule, captured: principal, aprBps, captureDate, events, asOf: date }));
    if ('value' in quote && quote.value > 0) events.push({ type: 'REPAYMENT', id: 'payoff', amount: quote.value, date });
  }
  const asOf = addDays(captureDate, int(0, 40 * termCount));
  return { schedule, captured: principal, aprBps, captureDate, events, asOf };
}

/** JSON with keys sorted, so only values (not the order properties were set in) decide the hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function outcome<T>(work: () => T): { value: T } | { error: { name: string; code: unknown; message: string } } {
  try {
    return { value: work() };
  } catch (error) {
    return { error: { name: (error as Error).name, code: (error as { code?: unknown }).code, message: (error as Error).message } };
  }
}

function answers(seed: number): string {
  const { asOf, ...args } = history(seed);
  // The quote on a day, and replays cut at a few points of the history, as the services ask for them.
  const cuts = [args.events.length, Math.floor(args.events.length / 2), Math.floor(args.events.length / 3)];
  return canonical({
    replays: cuts.map((n) => outcome(() => replayLedger({ ...args, events: args.events.slice(0, n) }))),
    quote: outcome(() => payoffQuote({ ...args, asOf })),
  });
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('ledger replay, pinned', () => {
  it('answers and refuses 1,000 seeded histories exactly as when they were recorded', () => {
    const hashes = Array.from({ length: HISTORIES }, (_, seed) => hash(answers(seed)));
    if (process.env.UPDATE_REPLAY_GOLDEN === '1') fs.writeFileSync(FIXTURE, `${JSON.stringify({ histories: HISTORIES, hashes })}\n`);
    const pinned = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { hashes: string[] };
    const differing = hashes.flatMap((h, seed) => (h === pinned.hashes[seed] ? [] : [seed]));
    expect(differing).toEqual([]);
  });

  it('covers what it is meant to: payments and refusals, refunds handing cash back, payoffs', () => {
    let refusals = 0;
    let settled = 0;
    let cashBack = 0;
    for (let seed = 0; seed < HISTORIES; seed++) {
      const { asOf: _asOf, ...args } = history(seed);
      const result = outcome(() => replayLedger(args));
      if ('error' in result) refusals++;
      else if (result.value.balance === 0) settled++;
      if (args.events.some((e) => e.type === 'REFUND' && (e.creditReturned ?? 0) > 0)) cashBack++;
    }
    expect({ refusals: refusals > 100, accepted: HISTORIES - refusals > 300, settled: settled > 100, cashBack: cashBack > 100 })
      .toEqual({ refusals: true, accepted: true, settled: true, cashBack: true });
  });
});
