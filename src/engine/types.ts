declare const minorUnits: unique symbol;

/**
 * Integer minor units of a currency (cents for USD): always a safe integer, never a float. Branded,
 * so an id, a rate in basis points or a day count is never taken for an amount; at run time it is a
 * plain number (the brand is a type only). The engine's functions take plain numbers and hand out
 * Minor; arithmetic on two amounts gives a number, branded again where it is an amount (asMinor in money.ts).
 */
export type Minor = number & { readonly [minorUnits]: true };

/** A calendar date as 'YYYY-MM-DD'; the engine never reads a clock, so "today" is always an argument. */
export type IsoDate = string;

// The domain's closed sets of values are defined here once, as const tuples: entities type their columns
// with the derived types and the GraphQL enums are built from the tuples (resolvers/common/graphql-enum.ts).

/** Currencies the product supports; their decimal exponents live in CURRENCIES. */
export const CURRENCY_CODES = ['USD', 'CAD'] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

/** PAY_IN_4: four interest-free payments 14 days apart; INSTALLMENTS: monthly amortized payments. */
export const PROGRAM_KINDS = ['PAY_IN_4', 'INSTALLMENTS'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/** An application's status as stored: its decision, then what became of an approval. */
export const APPLICATION_STATUSES = ['APPROVED', 'DECLINED', 'ACCEPTED', 'EXPIRED', 'CANCELLED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A repayment either stands or was reversed (a returned payment). */
export const REPAYMENT_STATUSES = ['SUCCEEDED', 'REVERSED'] as const;
export type RepaymentStatus = (typeof REPAYMENT_STATUSES)[number];

/** One scheduled payment: `amount` = `principal` + `interest`. */
export interface ScheduleRow {
  sequence: number;
  dueDate: IsoDate;
  amount: Minor;
  principal: Minor;
  interest: Minor;
}
