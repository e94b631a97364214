import { EngineError } from './engine-error';

/**
 * A money event the plan cannot take. OVERPAYMENT, REFUND_EXCEEDS_CAPTURED and PLAN_SETTLED are
 * business outcomes (userErrors); INVALID_AMOUNT, INVALID_DATE and INVALID_SCHEDULE are caller bugs.
 */
export class LedgerError extends EngineError<
  'OVERPAYMENT' | 'REFUND_EXCEEDS_CAPTURED' | 'INVALID_AMOUNT' | 'PLAN_SETTLED' | 'INVALID_DATE' | 'INVALID_SCHEDULE'
> {}
