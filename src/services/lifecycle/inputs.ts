import { isIsoDate, MoneyError, parseAmount } from '../../engine';
import { refuse } from './user-error';

export interface MoneyInputValue {
  amount: string;
  currency: string;
}

/** A positive amount in the expected currency, in minor units; anything else refuses the mutation. */
export function positiveAmount(input: MoneyInputValue, currency: string, field: string[]): number {
  if (input.currency !== currency) {
    refuse('CURRENCY_MISMATCH', `Amount is in ${input.currency} but this ${field.includes('amount') ? 'operation' : 'field'} is in ${currency}`, [...field, 'currency']);
  }
  let minor = 0;
  try {
    minor = parseAmount(input.amount, currency);
  } catch (error) {
    if (error instanceof MoneyError) refuse(error.code, error.message, [...field, 'amount']);
    throw error;
  }
  if (minor <= 0) refuse('INVALID_AMOUNT', `Amount must be greater than zero, got "${input.amount}"`, [...field, 'amount']);
  return minor;
}

export function validDate(value: string, field: string[]): string {
  if (!isIsoDate(value)) refuse('INVALID_DATE', `Expected a date such as 2027-01-15, got "${value}"`, field);
  return value;
}
