import { formatScaled, parseScaled } from './decimal';
import { EngineError, show } from './engine-error';
import type { CurrencyCode, Minor } from './types';

/** A currency's number of minor digits (2 for cents, 0 for yen, 3 for dinars). */
export interface CurrencySpec {
  readonly exponent: number;
}

/** Any currency table; CURRENCIES is the product's, tests and future currencies may bring others. */
export type CurrencyTable = Readonly<Record<string, CurrencySpec>>;

/** The supported currencies and their exponents. */
export const CURRENCIES: Readonly<Record<CurrencyCode, CurrencySpec>> = Object.freeze({
  USD: Object.freeze({ exponent: 2 }),
  CAD: Object.freeze({ exponent: 2 }),
});

/** A money value or currency that breaks the money contract. */
export class MoneyError extends EngineError<
  'INVALID_AMOUNT' | 'TOO_PRECISE' | 'OUT_OF_RANGE' | 'UNKNOWN_CURRENCY' | 'CURRENCY_MISMATCH'
> {}

/** True for a code in CURRENCIES (own keys only, so "toString" or "__proto__" are not currencies). */
export function isCurrencyCode(x: string): x is CurrencyCode {
  return Object.hasOwn(CURRENCIES, x);
}

function specOf(currency: string, table: CurrencyTable): CurrencySpec {
  if (typeof currency !== 'string' || !Object.hasOwn(table, currency)) {
    throw new MoneyError('UNKNOWN_CURRENCY', `unknown currency ${show(currency)}`);
  }
  return table[currency];
}

/** "12.3" USD -> 1230. Signs are kept ("-5.00" -> -500): whether negatives are allowed is the caller's rule. */
export function parseAmount(text: string, currency: string, table: CurrencyTable = CURRENCIES): Minor {
  const { exponent } = specOf(currency, table);
  const parsed = parseScaled(text, exponent);
  if (parsed.ok) return parsed.value as Minor;
  switch (parsed.reason) {
    case 'INVALID':
      throw new MoneyError('INVALID_AMOUNT', `amount must be a plain decimal like "12.30", got ${show(text)}`);
    case 'TOO_PRECISE':
      throw new MoneyError('TOO_PRECISE', `${currency} has ${exponent} decimals, ${show(text)} has more`);
    case 'OUT_OF_RANGE':
      throw new MoneyError('OUT_OF_RANGE', `${show(text)} ${currency} is beyond the largest safe amount`);
  }
}

/** 16134 USD -> "161.34": exactly the currency's number of decimals, as the API's Decimal scalar requires. */
export function formatAmount(minor: number, currency: string, table: CurrencyTable = CURRENCIES): string {
  const { exponent } = specOf(currency, table);
  if (!Number.isSafeInteger(minor)) {
    throw new MoneyError('INVALID_AMOUNT', `minor units must be a safe integer, got ${show(minor)}`);
  }
  return formatScaled(minor, exponent);
}

/**
 * A number the caller knows to be an amount in minor units (a sum or difference of amounts of one
 * currency, 0): the brand again, with no run-time cost (it returns its argument).
 */
export const asMinor = (value: number): Minor => value as Minor;

/** Throws CURRENCY_MISMATCH unless both codes are the same: amounts of different currencies never mix. */
export function assertSameCurrency(a: string, b: string): void {
  if (a !== b) throw new MoneyError('CURRENCY_MISMATCH', `currency ${show(b)} does not match ${show(a)}`);
}

/** Throws INVALID_AMOUNT unless `value` is a safe integer >= `min`; `what` names the argument. */
export function assertMinor(value: unknown, what: string, min = 0): asserts value is Minor {
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    throw new MoneyError('INVALID_AMOUNT', `${what} must be an integer number of minor units >= ${min}, got ${show(value)}`);
  }
}
