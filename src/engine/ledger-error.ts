import { EngineError } from './engine-error';

/**
 * A money event the plan cannot take. OVERPAYMENT, REFUND_EXCEEDS_CAPTURED and PLAN_SETTLED are
 * business outcomes (userErrors), and so is AMOUNT_EXCEEDS_BALANCE, payoffQuote's refusal when no
 * repayment on its date settles the plan (named as the services name that repayment's refusal);
 * INVALID_AMOUNT, INVALID_DATE and INVALID_SCHEDULE are caller bugs.
 */
export class LedgerError extends EngineError<
  'OVERPAYMENT' | 'REFUND_EXCEEDS_CAPTURED' | 'INVALID_AMOUNT' | 'PLAN_SETTLED' | 'AMOUNT_EXCEEDS_BALANCE' | 'INVALID_DATE' | 'INVALID_SCHEDULE'
> {}
