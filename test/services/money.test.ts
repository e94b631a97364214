import fc from 'fast-check';
import { asMinor, CURRENCY_CODES, formatAmount, type CurrencyCode } from '../../src/engine';
import { toMoney } from '../../src/services/money';

describe(toMoney.name, () => {
  const currency = fc.constantFrom<CurrencyCode>(...CURRENCY_CODES);

  it('is the formatted amount, whatever was remembered before (slots collide every 4096 minor units)', () => {
    // Amounts that share a slot, asked for in any order and any currency, each get their own figure.
    const sharingSlots = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -3, max: 3 })).map(([base, k]) => base + k * 4096);
    const amount = fc.oneof(sharingSlots, fc.maxSafeInteger(), fc.constant(Number.MIN_SAFE_INTEGER), fc.integer({ min: 0, max: 10_000 }));
    fc.assert(fc.property(fc.array(fc.tuple(amount, currency), { minLength: 1, maxLength: 50 }), (asks) => {
      for (const [minor, code] of asks) {
        expect(toMoney(asMinor(minor), code)).toEqual({ amount: formatAmount(minor, code), currency: code });
      }
    }));
  });

  it('hands out frozen values: a shared figure cannot be changed by one reader for the next', () => {
    const money = toMoney(asMinor(2_500), 'USD');
    expect(Object.isFrozen(money)).toBe(true);
    expect(toMoney(asMinor(2_500), 'USD')).toBe(money);
  });

  it('refuses what is not a safe integer of minor units, even where its slot holds a figure', () => {
    toMoney(asMinor(1), 'USD');
    for (const bad of [1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, Infinity]) {
      expect(() => toMoney(asMinor(bad), 'USD')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    }
  });

  it('refuses an unknown currency', () => {
    expect(() => toMoney(asMinor(100), 'XXX' as CurrencyCode)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
  });
});
