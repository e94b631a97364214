import { CurrencyCode, formatAmount, isCurrencyCode, type Minor, MoneyError } from '../engine';

export interface MoneyValue {
  amount: string;
  currency: CurrencyCode;
}

/**
 * Amounts repeat (every 25.00 installment of every plan): formatted values are kept, frozen, in a
 * fixed table of slots chosen by the amount's low bits, so a page of plans does not allocate the same
 * strings and objects thousands of times. A slot holds the last amount that landed in it: a miss
 * costs one store, never the growth and clearing of a map, and amounts that do not repeat (an
 * estimate for a random price) cost little more than formatting them (docs/performance.md, step 27).
 */
const SLOTS = 4096; // a power of two: the slot is the amount's low 12 bits

interface Remembered {
  minor: Float64Array;
  value: (MoneyValue | undefined)[];
}
const remembered = new Map<CurrencyCode, Remembered>();

function rememberedFor(currency: CurrencyCode): Remembered {
  let kept = remembered.get(currency);
  if (!kept) {
    if (!isCurrencyCode(currency)) throw new MoneyError('UNKNOWN_CURRENCY', `unknown currency ${currency}`);
    remembered.set(currency, (kept = { minor: new Float64Array(SLOTS), value: new Array<MoneyValue | undefined>(SLOTS).fill(undefined) }));
  }
  return kept;
}

/** Minor units to the API's exact decimal string. */
export function toMoney(minor: Minor, currency: CurrencyCode): MoneyValue {
  const kept = rememberedFor(currency);
  const slot = minor & (SLOTS - 1); // any safe integer, negative ones too; formatAmount refuses the rest
  const value = kept.value[slot];
  if (value !== undefined && kept.minor[slot] === minor) return value;
  const formatted: MoneyValue = Object.freeze({ amount: formatAmount(minor, currency), currency });
  kept.minor[slot] = minor;
  kept.value[slot] = formatted;
  return formatted;
}

/** An amount for a message to a person: "350.00 USD", with the currency's own number of decimals. */
export const formatMoney = (minor: Minor, currency: CurrencyCode): string => `${formatAmount(minor, currency)} ${currency}`;
