import { type CurrencyCode, isIsoDate, type Minor, MoneyError, parseAmount } from '../../engine';
import { refuse } from './user-error';

export interface MoneyInputValue {
  amount: string;
  currency: CurrencyCode;
}

/**
 * The engine's refusals quote the amount they refuse (useful in its own tests and logs); an answer
 * never repeats a submitted value (docs/api.md "Errors and codes"), so the client's message names
 * the rule only.
 */
const AMOUNT_RULE: Record<MoneyError['code'], (currency: CurrencyCode) => string> = {
  INVALID_AMOUNT: () => 'Amount must be a plain decimal such as "12.30"',
  TOO_PRECISE: (currency) => `Amount has more decimals than ${currency} has`,
  OUT_OF_RANGE: () => 'Amount is beyond the largest amount Tenor handles',
  UNKNOWN_CURRENCY: () => 'Amount is in a currency Tenor does not lend in',
  CURRENCY_MISMATCH: (currency) => `Amount must be in ${currency}`,
};

/** A positive amount in the expected currency, in minor units; anything else refuses the mutation. */
export function positiveAmount(input: MoneyInputValue, currency: CurrencyCode, field: string[]): Minor {
  if (input.currency !== currency) {
    refuse('CURRENCY_MISMATCH', `Amount is in ${input.currency} but this ${field.includes('amount') ? 'operation' : 'field'} is in ${currency}`, [...field, 'currency']);
  }
  let minor: Minor;
  try {
    minor = parseAmount(input.amount, currency);
  } catch (error) {
    if (error instanceof MoneyError) refuse(error.code, AMOUNT_RULE[error.code](currency), [...field, 'amount']);
    throw error;
  }
  if (minor <= 0) refuse('INVALID_AMOUNT', 'Amount must be greater than zero', [...field, 'amount']);
  return minor;
}

export function validDate(value: string, field: string[]): string {
  if (!isIsoDate(value)) refuse('INVALID_DATE', 'Expected a date such as 2027-01-15', field);
  return value;
}
