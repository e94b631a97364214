import fc from 'fast-check';
import * as engine from '../../src/engine';
import type { AprArgs } from '../../src/engine';

// solveApr remembers each stream's timing and amortize each schedule's due dates (by start date and
// length). Whatever either remembers, every answer and every refusal must be the one an engine with
// nothing remembered gives: each call below is checked against a fresh copy of the engine module.
function fresh(): typeof engine {
  let copy: typeof engine | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof engine>('../../src/engine');
  });
  return copy!;
}

const outcome = <T>(work: () => T): { value: T } | { error: { name: string; code?: unknown; message: string } } => {
  try {
    return { value: work() };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
};

// Few advance dates and lengths, so streams often share a memo key with different dates.
const advanceDate = fc.constantFrom('2027-01-15', '2027-01-31', '2028-02-29', '2027-12-31');
const offsetDays = fc.integer({ min: 0, max: 120 });
const stream: fc.Arbitrary<AprArgs> = fc.record({
  amountFinanced: fc.oneof(fc.integer({ min: 1, max: 5_000_000 }), fc.constantFrom(0, -1, 1.5)),
  advanceDate,
  gaps: fc.array(offsetDays, { minLength: 1, maxLength: 4 }),
  amounts: fc.array(fc.oneof(fc.integer({ min: 0, max: 3_000_000 }), fc.constantFrom(-1, 0.5)), { minLength: 4, maxLength: 4 }),
  badDate: fc.option(fc.nat(3), { nil: undefined }),
}).map(({ amountFinanced, advanceDate: advance, gaps, amounts, badDate }) => {
  let day = 0;
  const payments = gaps.map((gap, k) => {
    day += gap;
    return { date: k === badDate ? '2027-02-30' : engine.addDays(advance, day), amount: amounts[k] };
  });
  return { amountFinanced, advanceDate: advance, payments };
});

describe('remembered timings and due dates', () => {
  it('solveApr answers and refuses after any history exactly as with nothing remembered', () => {
    fc.assert(fc.property(fc.array(stream, { minLength: 1, maxLength: 12 }), (streams) => {
      // Each stream once, then again in reverse: every second call can find a remembered timing.
      for (const args of [...streams, ...[...streams].reverse()]) {
        expect(outcome(() => engine.solveApr(args))).toEqual(outcome(() => fresh().solveApr(args)));
      }
    }), { numRuns: 60 });
  });

  it('buildOffer and buildSchedule give what an engine with nothing remembered gives', () => {
    const program = fc.record({
      kind: fc.constantFrom<'INSTALLMENTS' | 'PAY_IN_4'>('INSTALLMENTS', 'PAY_IN_4'),
      termCount: fc.constantFrom(3, 4, 6, 12, 36),
      aprBps: fc.constantFrom(0, 999, 3_600),
    });
    const asks = fc.array(fc.tuple(program, fc.integer({ min: 1, max: 2_000_000 }), advanceDate), { minLength: 1, maxLength: 10 });
    fc.assert(fc.property(asks, (list) => {
      const reference = fresh();
      for (const [p, amount, start] of [...list, ...list]) {
        expect(outcome(() => engine.buildOffer(p, amount, start))).toEqual(outcome(() => reference.buildOffer(p, amount, start)));
        const terms = { ...p, principal: amount };
        expect(outcome(() => engine.buildSchedule(terms, start))).toEqual(outcome(() => reference.buildSchedule(terms, start)));
      }
    }), { numRuns: 60 });
  });

  it('refuses a stream at its first bad payment, amount before date, remembered or not', () => {
    const stream = (first: { date: string; amount: number }, second: { date: string; amount: number }): AprArgs =>
      ({ amountFinanced: 100_000, advanceDate: '2027-01-15', payments: [first, second] });
    engine.solveApr(stream({ date: '2027-02-15', amount: 60_000 }, { date: '2027-03-15', amount: 60_000 })); // its timing is now remembered
    for (let round = 0; round < 2; round++) {
      expect(() => engine.solveApr(stream({ date: '2027-02-30', amount: 60_000 }, { date: '2027-03-15', amount: -1 }))).toThrow(/payment 1 date/);
      expect(() => engine.solveApr(stream({ date: '2027-02-15', amount: -1 }, { date: '2027-02-30', amount: 60_000 }))).toThrow(/payment 1 amount/);
      expect(() => engine.solveApr(stream({ date: '2027-02-15', amount: 60_000 }, { date: '2027-03-15', amount: 0.5 }))).toThrow(/payment 2 amount/);
    }
  });

  it('keeps a refused start out of what it remembers', () => {
    expect(() => engine.amortize({ principal: 100_000, apr: '9.99', termCount: 12, startDate: '2027-02-30' })).toThrow(/startDate/);
    expect(() => engine.amortize({ principal: 100_000, apr: '9.99', termCount: 12, startDate: '9999-06-15' })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(() => engine.amortize({ principal: 100_000, apr: '9.99', termCount: 12, startDate: '9999-06-15' })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });
});
