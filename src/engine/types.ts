/** Integer minor units of a currency (cents for USD). Always a safe integer, never a float. */
export type Minor = number;

/** A calendar date as 'YYYY-MM-DD'; the engine never reads a clock, so "today" is always an argument. */
export type IsoDate = string;

/** Currencies the product supports; their decimal exponents live in CURRENCIES. */
export type CurrencyCode = 'USD' | 'CAD';

/** PAY_IN_4: four interest-free payments 14 days apart; INSTALLMENTS: monthly amortized payments. */
export type ProgramKind = 'PAY_IN_4' | 'INSTALLMENTS';

/** One scheduled payment: `amount` = `principal` + `interest`. */
export interface ScheduleRow {
  sequence: number;
  dueDate: IsoDate;
  amount: Minor;
  principal: Minor;
  interest: Minor;
}
