import * as fc from 'fast-check';
import { exactLevelPayment, levelPayment } from '../../src/engine/amortize';

// levelPayment takes the floating-point formula when it provably rounds like the exact quotient and
// falls back to bigint otherwise; this checks the claim over the whole domain offers are built on.
const RUNS = process.env.CI === 'true' ? 50_000 : 10_000;

describe(levelPayment.name, () => {
  it('equals exactLevelPayment for every principal 0.01..100,000.00, APR 0.01..36% and 1..60 months', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 3_600 }), fc.integer({ min: 1, max: 60 }),
      (principal, bps, termCount) => {
        expect(levelPayment(principal, bps, termCount)).toBe(exactLevelPayment(principal, bps, termCount));
      }), { numRuns: RUNS });
  });

  it('equals it at the domain edges, where floating point is least forgiving', () => {
    for (const principal of [1, 2, 3, 99, 100, 9_999_999, 10_000_000]) {
      for (const bps of [1, 2, 1_500, 2_999, 3_599, 3_600]) {
        for (const termCount of [1, 2, 12, 59, 60]) expect(levelPayment(principal, bps, termCount)).toBe(exactLevelPayment(principal, bps, termCount));
      }
    }
  });

});
