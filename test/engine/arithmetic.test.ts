import * as fc from 'fast-check';
import { distribute, formatRate, mulDivHalfUp, parseRate, RateError, roundDown, roundHalfEven, roundHalfUp, splitEvenly } from '../../src/engine';

describe(roundHalfUp.name, () => {
  it('rounds ties toward +infinity', () => {
    expect([roundHalfUp(5n, 2n), roundHalfUp(-5n, 2n), roundHalfUp(7n, 3n), roundHalfUp(8n, 3n)]).toEqual([3n, -2n, 2n, 3n]);
  });

  it('refuses a non-positive divisor naming it', () => {
    expect(() => roundHalfUp(1n, 0n)).toThrow(expect.objectContaining({ code: 'INVALID_DIVISOR', message: expect.stringContaining('0n') }));
  });
});

describe(roundHalfEven.name, () => {
  it('rounds ties to the even neighbour', () => {
    expect([roundHalfEven(5n, 2n), roundHalfEven(7n, 2n), roundHalfEven(-5n, 2n), roundHalfEven(8n, 3n)]).toEqual([2n, 4n, -2n, 3n]);
  });
});

describe(roundDown.name, () => {
  it('floors toward -infinity', () => {
    expect([roundDown(7n, 2n), roundDown(-7n, 2n)]).toEqual([3n, -4n]);
  });
});

describe(mulDivHalfUp.name, () => {
  it('equals the bigint rounding for any safe operands', () => {
    fc.assert(fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e7 }), (a, b, d) =>
      mulDivHalfUp(a, b, d) === Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(d)))));
  });
});

describe(distribute.name, () => {
  it('hands the remainder unit by unit to the first shares', () => {
    expect(distribute(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(distribute(1003, [50, 50])).toEqual([502, 501]);
    expect(distribute(5, [0, 1, 1])).toEqual([0, 3, 2]);
  });

  it('splits negative totals symmetrically', () => {
    expect(distribute(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('always sums to the total, each share within one unit of its exact proportion', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0)),
      (total, ratios) => {
        const shares = distribute(total, ratios);
        const sum = ratios.reduce((a, b) => a + b, 0);
        return shares.reduce((a, b) => a + b, 0) === total && shares.every((s, k) => Math.abs(s - (total * ratios[k]) / sum) < 1 + 1e-6);
      }));
  });

  it('refuses negative, fractional or all-zero ratios', () => {
    for (const ratios of [[-1, 2], [0.5], [0, 0], []]) expect(() => distribute(10, ratios)).toThrow(expect.objectContaining({ code: 'INVALID_RATIOS' }));
  });
});

describe(splitEvenly.name, () => {
  it('puts leftover cents on the first parts', () => {
    expect(splitEvenly(1001, 3)).toEqual([334, 334, 333]);
  });

  it('refuses a part count below one', () => {
    expect(() => splitEvenly(10, 0)).toThrow(expect.objectContaining({ code: 'INVALID_RATIOS' }));
  });
});

describe(formatRate.name, () => {
  it('writes basis points as a two-decimal percentage', () => {
    expect([formatRate(1500), formatRate(950), formatRate(0), formatRate(5)]).toEqual(['15.00', '9.50', '0.00', '0.05']);
  });
});

describe(parseRate.name, () => {
  it('reads percentages into basis points', () => {
    expect([parseRate('15.00'), parseRate('9.5'), parseRate('0'), parseRate('100')]).toEqual([1500, 950, 0, 10000]);
  });

  it.each([['1e3', 'INVALID_RATE'], ['', 'INVALID_RATE'], [' 5', 'INVALID_RATE'], ['9.555', 'TOO_PRECISE'], ['-1', 'OUT_OF_RANGE'], ['100.01', 'OUT_OF_RANGE']])(
    'refuses %p as %s',
    (text, code) => expect(() => parseRate(text)).toThrow(expect.objectContaining({ code, constructor: RateError })),
  );
});
