import { CurrencyCode, formatAmount, isCurrencyCode, MoneyError } from '../engine';

export interface MoneyValue {
  amount: string;
  currency: CurrencyCode;
}

/**
 * Amounts repeat (every 25.00 installment of every plan): formatted values are kept, frozen, per
 * currency, so a page of plans does not allocate the same strings and objects thousands of times.
 */
const MAX_REMEMBERED_AMOUNTS = 50_000;
const remembered = new Map<string, Map<number, MoneyValue>>();

/** Minor units to the API's exact decimal string. */
export function toMoney(minor: number, currency: CurrencyCode): MoneyValue {
  let amounts = remembered.get(currency);
  if (!amounts) {
    if (!isCurrencyCode(currency)) throw new MoneyError('UNKNOWN_CURRENCY', `unknown currency ${currency}`);
    remembered.set(currency, (amounts = new Map()));
  }
  let money = amounts.get(minor);
  if (!money) {
    if (amounts.size >= MAX_REMEMBERED_AMOUNTS) amounts.clear();
    money = Object.freeze({ amount: formatAmount(minor, currency), currency });
    amounts.set(minor, money);
  }
  return money;
}


/** An amount for a message to a person: "350.00 USD", with the currency's own number of decimals. */
export const formatMoney = (minor: number, currency: string): string => `${formatAmount(minor, currency)} ${currency}`;
