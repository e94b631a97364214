import { CurrencyCode, formatAmount, isCurrencyCode, MoneyError } from '../engine';

export interface MoneyValue {
  amount: string;
  currency: CurrencyCode;
}

/** Minor units to the API's exact decimal string. */
export function toMoney(minor: number, currency: string): MoneyValue {
  if (!isCurrencyCode(currency)) throw new MoneyError('UNKNOWN_CURRENCY', `unknown currency ${currency}`);
  return { amount: formatAmount(minor, currency), currency };
}

