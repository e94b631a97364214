import * as fc from 'fast-check';
import { addDays, amortize, annualPercentageRate, buildOffer, MAX_APR_ITERATIONS, parseRate, solveApr } from '../../src/engine';
import { expandPayments, vectors } from './vectors';

describe(annualPercentageRate.name, () => {
  it.each(vectors.apr)('$name -> $apr', (v) => {
    expect(annualPercentageRate({ amountFinanced: v.amountFinanced, advanceDate: v.advanceDate, payments: expandPayments(v.payments) })).toBe(v.apr);
  });

  it('is 0.00 when the payments repay exactly the amount financed', () => {
    expect(annualPercentageRate({ amountFinanced: 10_000, advanceDate: '2027-01-15', payments: [{ date: '2027-02-15', amount: 10_000 }] })).toBe('0.00');
  });

  it('rates an interest-free pay-in-4 stream, first payment at the advance, as 0.00', () => {
    const offer = buildOffer({ kind: 'PAY_IN_4', termCount: 4, aprBps: 0 }, 10_001, '2027-01-15');
    expect([offer.apr, offer.financeCharge]).toEqual(['0.00', 0]);
  });

  it('refuses payments that repay less than the amount financed, or out of order', () => {
    const args = { amountFinanced: 10_000, advanceDate: '2027-01-15' };
    expect(() => annualPercentageRate({ ...args, payments: [{ date: '2027-02-15', amount: 9_999 }] })).toThrow(expect.objectContaining({ code: 'INVALID_PAYMENTS' }));
    expect(() => annualPercentageRate({ ...args, payments: [{ date: '2027-01-14', amount: 11_000 }] })).toThrow(expect.objectContaining({ code: 'INVALID_PAYMENTS' }));
    expect(() => annualPercentageRate({ ...args, payments: [] })).toThrow(expect.objectContaining({ code: 'INVALID_PAYMENTS' }));
    expect(() => annualPercentageRate({ ...args, amountFinanced: 0, payments: [{ date: '2027-02-15', amount: 1 }] })).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });

  it('discloses every amortized schedule within 1/8 point of its nominal rate (12 CFR 1026.22(a)(2))', () => {
    let largestError = 0;
    fc.assert(fc.property(
      fc.integer({ min: 10_000, max: 1_000_000 }), fc.integer({ min: 3, max: 36 }), fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 0, max: 364 }),
      (principal, termCount, bps, dayOfYear) => {
        const start = addDays('2027-01-01', dayOfYear);
        const apr = (bps / 100).toFixed(2);
        const rows = amortize({ principal, apr, termCount, startDate: start });
        const disclosed = annualPercentageRate({ amountFinanced: principal, advanceDate: start, payments: rows.map((r) => ({ date: r.dueDate, amount: r.amount })) });
        const error = Math.abs(parseRate(disclosed) - bps) / 100;
        largestError = Math.max(largestError, error);
        return error <= 0.125;
      }), { numRuns: 3000 });
    console.log(`largest |disclosed APR - nominal| seen: ${largestError.toFixed(2)} points`);
    expect(largestError).toBeLessThanOrEqual(0.125);
  });
});

describe(solveApr.name, () => {
  it('converges within a small bound for every APR 0..36% on a 36-month schedule', () => {
    let worst = 0;
    for (let bps = 0; bps <= 3600; bps++) {
      const offer = buildOffer({ kind: 'INSTALLMENTS', termCount: 36, aprBps: bps }, 1_000_000, '2027-01-15');
      const { iterations } = solveApr({ amountFinanced: 1_000_000, advanceDate: '2027-01-15', payments: offer.schedule.map((r) => ({ date: r.dueDate, amount: r.amount })) });
      worst = Math.max(worst, iterations);
    }
    expect(worst).toBeLessThanOrEqual(8);
    expect(worst).toBeLessThan(MAX_APR_ITERATIONS);
  });
});

describe(buildOffer.name, () => {
  it('discloses the schedule totals, finance charge and APR', () => {
    const offer = buildOffer({ kind: 'INSTALLMENTS', termCount: 36, aprBps: 1000 }, 500_000, '2027-01-15');
    expect(offer).toMatchObject({ apr: '10.00', installmentAmount: 16134, amountFinanced: 500_000, financeCharge: 80_808, totalOfPayments: 580_808 });
    expect(offer.schedule).toHaveLength(36);
  });

  it('gives a 0% plan APR 0.00 and no finance charge', () => {
    const offer = buildOffer({ kind: 'INSTALLMENTS', termCount: 12, aprBps: 0 }, 100_000, '2027-01-15');
    expect([offer.apr, offer.financeCharge, offer.totalOfPayments]).toEqual(['0.00', 0, 100_000]);
  });
});
