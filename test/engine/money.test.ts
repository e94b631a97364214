import * as fc from 'fast-check';
import { assertSameCurrency, CURRENCIES, formatAmount, isCurrencyCode, MoneyError, parseAmount, type CurrencyTable } from '../../src/engine';

function codeOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (error) { return (error as MoneyError).code; }
  return undefined;
}

describe(parseAmount.name, () => {
  it('reads a plain decimal into minor units', () => {
    expect(parseAmount('12.3', 'USD')).toBe(1230);
    expect(parseAmount('161.34', 'CAD')).toBe(16134);
    expect(parseAmount('7', 'USD')).toBe(700);
  });

  it('keeps the sign and makes "-0" zero', () => {
    expect(parseAmount('-5.00', 'USD')).toBe(-500);
    expect(Object.is(parseAmount('-0', 'USD'), 0)).toBe(true);
  });

  it.each(['1e3', 'NaN', ' 5', '5 ', '+5', '', '0x10', '1e309', 'Infinity', '.5', '5.', '1,000.00', '١٢', '--5', '5-'])(
    'refuses %p as INVALID_AMOUNT',
    (text) => expect(codeOf(() => parseAmount(text, 'USD'))).toBe('INVALID_AMOUNT'),
  );

  it('refuses a non-string as INVALID_AMOUNT', () => {
    expect(codeOf(() => parseAmount(5 as unknown as string, 'USD'))).toBe('INVALID_AMOUNT');
  });

  it('refuses more decimals than the currency has as TOO_PRECISE', () => {
    expect(codeOf(() => parseAmount('12.345', 'USD'))).toBe('TOO_PRECISE');
  });

  it('accepts trailing zeros beyond the currency precision because the value is exact', () => {
    expect(parseAmount('12.300', 'USD')).toBe(1230);
  });

  it('refuses amounts beyond the largest safe integer of minor units as OUT_OF_RANGE', () => {
    expect(parseAmount('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
    expect(codeOf(() => parseAmount('90071992547409.92', 'USD'))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => parseAmount('9'.repeat(400), 'USD'))).toBe('OUT_OF_RANGE');
  });

  it.each(['EUR', 'usd', 'toString', '__proto__', ''])('refuses currency %p as UNKNOWN_CURRENCY', (currency) => {
    expect(codeOf(() => parseAmount('1.00', currency))).toBe('UNKNOWN_CURRENCY');
  });

  it('names the bad value in the message', () => {
    expect(() => parseAmount('12.345', 'USD')).toThrow(/"12\.345"/);
  });

  it('handles 0- and 3-decimal currencies from a local table', () => {
    const table: CurrencyTable = { JPY: { exponent: 0 }, BHD: { exponent: 3 } };
    expect(parseAmount('1500', 'JPY', table)).toBe(1500);
    expect(codeOf(() => parseAmount('1500.5', 'JPY', table))).toBe('TOO_PRECISE');
    expect(parseAmount('1.5', 'BHD', table)).toBe(1500);
    expect(parseAmount('0.001', 'BHD', table)).toBe(1);
    expect(codeOf(() => parseAmount('0.0001', 'BHD', table))).toBe('TOO_PRECISE');
  });
});

describe(formatAmount.name, () => {
  it('writes exactly the currency decimals', () => {
    expect(formatAmount(16134, 'USD')).toBe('161.34');
    expect(formatAmount(-5, 'USD')).toBe('-0.05');
    expect(formatAmount(0, 'CAD')).toBe('0.00');
    expect(formatAmount(100, 'USD')).toBe('1.00');
  });

  it('formats 0- and 3-decimal currencies from a local table', () => {
    const table: CurrencyTable = { JPY: { exponent: 0 }, BHD: { exponent: 3 } };
    expect(formatAmount(1500, 'JPY', table)).toBe('1500');
    expect(formatAmount(1, 'BHD', table)).toBe('0.001');
    expect(formatAmount(-12345, 'BHD', table)).toBe('-12.345');
  });

  it('refuses a non-integer as INVALID_AMOUNT', () => {
    expect(codeOf(() => formatAmount(1.5, 'USD'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => formatAmount(Number.NaN, 'USD'))).toBe('INVALID_AMOUNT');
  });

  it('round-trips with parseAmount for every safe amount', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (minor) => parseAmount(formatAmount(minor, 'USD'), 'USD') === minor));
  });
});

describe(isCurrencyCode.name, () => {
  it('accepts the table keys only', () => {
    expect(Object.keys(CURRENCIES).every(isCurrencyCode)).toBe(true);
    expect(['EUR', 'toString', '__proto__', 'usd'].some(isCurrencyCode)).toBe(false);
  });
});

describe(assertSameCurrency.name, () => {
  it('passes for equal codes and throws CURRENCY_MISMATCH otherwise', () => {
    expect(() => assertSameCurrency('USD', 'USD')).not.toThrow();
    expect(codeOf(() => assertSameCurrency('USD', 'CAD'))).toBe('CURRENCY_MISMATCH');
  });
});
