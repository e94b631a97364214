import * as fc from 'fast-check';
import { amortize, buildSchedule, splitPayIn4, type ScheduleRow } from '../../src/engine';
import { vectors } from './vectors';

const sum = (rows: ScheduleRow[], key: 'amount' | 'principal' | 'interest'): number => rows.reduce((a, r) => a + r[key], 0);

describe(splitPayIn4.name, () => {
  it.each(vectors.splitPayIn4)('splits $total as the reference says', ({ total, split }) => {
    expect(splitPayIn4(total)).toEqual(split);
  });

  it('sums to the total with the leftover on the first payment only', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (total) => {
      const [first, ...rest] = splitPayIn4(total);
      return first + 3 * rest[0] === total && rest.every((x) => x === rest[0]) && first - rest[0] >= 0 && first - rest[0] < 4;
    }));
  });

  it('refuses a negative or fractional total', () => {
    expect(() => splitPayIn4(-1)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => splitPayIn4(10.5)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });
});

describe(amortize.name, () => {
  it.each(vectors.amortize)('matches the reference for $principal at $apr% over $termCount months', (v) => {
    const rows = amortize({ principal: v.principal, apr: v.apr, termCount: v.termCount, startDate: '2027-01-15' });
    expect(rows[0]).toMatchObject({ amount: v.payment, interest: v.firstRow.interest, principal: v.firstRow.principal });
    expect(rows[rows.length - 1].amount).toBe(v.lastPayment);
    expect(sum(rows, 'interest')).toBe(v.totalInterest);
  });

  // Published source: the standard 30-year fixed mortgage tables (e.g. Freddie Mac / CFPB payment
  // examples): $200,000 at 6.5% is $1,264.14 a month and $100,000 at 6% is $599.55 a month.
  it('matches the published 30-year mortgage payments', () => {
    expect(amortize({ principal: 20_000_000, apr: '6.50', termCount: 360, startDate: '2027-01-01' })[0].amount).toBe(126_414);
    expect(amortize({ principal: 10_000_000, apr: '6.00', termCount: 360, startDate: '2027-01-01' })[0].amount).toBe(59_955);
  });

  it('dues one month apart from the start date, clamped at month ends', () => {
    const rows = amortize({ principal: 100_000, apr: '12.00', termCount: 3, startDate: '2027-01-31' });
    expect(rows.map((r) => r.dueDate)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
  });

  it('splits a 0% plan evenly with leftover cents first and no interest', () => {
    const rows = amortize({ principal: 100_001, apr: '0.00', termCount: 3, startDate: '2027-01-15' });
    expect(rows.map((r) => [r.amount, r.interest])).toEqual([[33_334, 0], [33_334, 0], [33_333, 0]]);
  });

  it('keeps every invariant: sums, zero final balance, no negative amount, level payments', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 60 }), (principal, bps, termCount) => {
      const rows = amortize({ principal, apr: (bps / 100).toFixed(2), termCount, startDate: '2027-01-15' });
      let balance = principal;
      for (const row of rows) {
        if (row.amount !== row.principal + row.interest || row.principal < 0 || row.interest < 0) return false;
        balance -= row.principal;
      }
      return balance === 0 && sum(rows, 'principal') === principal && rows.length === termCount;
    }));
  });

  it('refuses bad terms naming the value', () => {
    expect(() => amortize({ principal: 0, apr: '5.00', termCount: 12, startDate: '2027-01-15' })).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => amortize({ principal: 100, apr: '5.00', termCount: 0, startDate: '2027-01-15' })).toThrow(expect.objectContaining({ code: 'INVALID_TERMS', message: expect.stringContaining('0') }));
    expect(() => amortize({ principal: 100, apr: '5%', termCount: 12, startDate: '2027-01-15' })).toThrow(expect.objectContaining({ code: 'INVALID_RATE' }));
    expect(() => amortize({ principal: 100, apr: '5.00', termCount: 12, startDate: '2027-02-30' })).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe(buildSchedule.name, () => {
  it('makes pay-in-4 due at the start and every 14 days, interest-free', () => {
    const rows = buildSchedule({ kind: 'PAY_IN_4', termCount: 4, aprBps: 0, principal: 10_001 }, '2027-01-15');
    expect(rows.map((r) => [r.sequence, r.dueDate, r.amount, r.interest])).toEqual([
      [1, '2027-01-15', 2501, 0], [2, '2027-01-29', 2500, 0], [3, '2027-02-12', 2500, 0], [4, '2027-02-26', 2500, 0],
    ]);
  });

  it('makes installments due monthly from one month after the start', () => {
    const rows = buildSchedule({ kind: 'INSTALLMENTS', termCount: 12, aprBps: 1500, principal: 80_000 }, '2027-01-15');
    expect([rows[0].dueDate, rows[11].dueDate, rows[0].amount]).toEqual(['2027-02-15', '2028-01-15', 7221]);
  });

  it('refuses a pay-in-4 program with interest or another term count', () => {
    expect(() => buildSchedule({ kind: 'PAY_IN_4', termCount: 4, aprBps: 100, principal: 10_000 }, '2027-01-15')).toThrow(expect.objectContaining({ code: 'INVALID_TERMS' }));
    expect(() => buildSchedule({ kind: 'PAY_IN_4', termCount: 6, aprBps: 0, principal: 10_000 }, '2027-01-15')).toThrow(expect.objectContaining({ code: 'INVALID_TERMS' }));
  });
});
