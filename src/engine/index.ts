// The payment-plan engine: pure functions over integer minor units and 'YYYY-MM-DD' dates.
// No GraphQL, ORM, clock or I/O; "today" is always an argument.

/** Shared value types: integer minor units, ISO dates, schedule rows; the domain's value sets (tuple + type). */
export type { IsoDate, Minor, ScheduleRow } from './types';
export {
  APPLICATION_STATUSES, CURRENCY_CODES, PROGRAM_KINDS, REPAYMENT_STATUSES,
  type ApplicationStatus, type CurrencyCode, type ProgramKind, type RepaymentStatus,
} from './types';

/** Base class of every engine error: a literal `code` to switch on. */
export { EngineError } from './engine-error';

/** Named rounding modes over an exact bigint quotient n/d, plus an exact a·b/d half-up for numbers. */
export { mulDivHalfUp, roundDown, roundHalfEven, roundHalfUp, RoundingError } from './rounding';

/** Currency table, money parsing/formatting to the currency's exact decimals, and its typed error. */
export {
  asMinor, assertSameCurrency, CURRENCIES, formatAmount, isCurrencyCode, MoneyError, parseAmount,
  type CurrencySpec, type CurrencyTable,
} from './money';

/** Splits that always sum to the total: proportional (dinero's distribute) and even. */
export { distribute, DistributeError, splitEvenly } from './distribute';

/** Percent strings <-> integer basis points ("15.00" <-> 1500). */
export { formatRate, MAX_RATE_BPS, parseRate, RateError } from './rates';

/** Calendar arithmetic on ISO date strings, end-of-month clamped, clock-free. */
export { addDays, addMonths, daysBetween, DateError, isIsoDate } from './dates';

/** Pay-in-4 split: leftover cents on the first payment. */
export { splitPayIn4 } from './pay-in-4';

/** Monthly level-payment amortization, exact to the cent. */
export { amortize, MAX_TERM_COUNT } from './amortize';

/** A plan's schedule from its terms and start date, and the error for unusable terms. */
export { buildSchedule, type PlanTerms } from './schedule';
export { ScheduleError } from './schedule-error';

/** Regulation Z Appendix J APR of a payment stream; solveApr also reports the solver's iterations. */
export { annualPercentageRate, AprError, MAX_APR_ITERATIONS, solveApr, type AprArgs, type AprSolution } from './apr';

/** An offer with its disclosure figures (APR, finance charge, total of payments) and schedule. */
export { buildOffer, type Offer } from './offer';

/** Per-installment state of a plan: amounts due and paid, principal/interest split, status. */
export {
  INSTALLMENT_READ_STATUSES, INSTALLMENT_STATUSES, INSTALLMENT_STATUSES_AS_OF, outstandingBalance,
  type InstallmentState, type InstallmentStatus, type InstallmentStatusAsOf,
} from './installment-state';

/** The plan's state replayed from schedule and money events, with allocations per repayment. */
export { replayLedger, type Allocation, type LedgerEvent, type PlanLedger } from './ledger';
export { LedgerError } from './ledger-error';

/**
 * What settles a plan on a date: principal owed, interest of past periods and interest accrued to date
 * at APR/365 per day, all on the principal actually owed, and the cash later refunds hand back
 * (docs/money.md); and the most a repayment on a date may be.
 */
export { largestRepayment, payoffQuote } from './ledger';

/** The interest actually charged per installment, from the principal actually owed day by day. */
export { chargedTerms, type MoneyMove } from './interest';
export type { InstallmentTerms } from './installment-state';

/** Days past due of the oldest unpaid due date, and its collections bucket. */
export {
  amountPastDue, daysPastDue, delinquencyBucket, DelinquencyError, installmentStatusAt, type DelinquencyBucket,
} from './delinquency';

/** Merchant fee on cumulative net capture, half-up, so split operations never drift. */
export { merchantFee } from './merchant-fee';

/**
 * Plan lifecycle: the transition table, its checks, the status servicing implies, THE status of a plan
 * as of a moment and the date it may next change (what the maintenance sweep reads).
 */
export {
  assertTransition, AUTHORIZATION_TTL_MS, authorizationStatusAt, canTransition, DELINQUENT_AFTER_DAYS, nextStatusCheckOn, PLAN_STATUSES,
  PLAN_TRANSITIONS, planStatusAt, PlanTransitionError, servicingStatus, settledStatus, statusForDaysPastDue,
  type PlanStatus, type PlanStatusFacts, type StatusPolicy,
} from './plan-state';

/** Application lifecycle: its transitions and THE status of an application as of a moment (an approval lapses). */
export {
  APPLICATION_TRANSITIONS, APPLICATION_TTL_MS, ApplicationTransitionError, applicationStatusAt, assertApplicationTransition,
  canMoveApplication,
} from './application-state';

/** The business date of an instant in the lender's time zone, and a moment as the rules see it (instant and business date). */
export { asOf, businessDate, type AsOf } from './business-date';
