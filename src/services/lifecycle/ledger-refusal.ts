import { LedgerError, PlanTransitionError } from '../../engine';
import { refuse } from './user-error';

/**
 * What partners read when the engine refuses a money event for a business reason. Written here,
 * never passed through from the engine, whose messages name internal event ids ("R12") and minor units.
 */
const BUSINESS_REFUSALS = {
  OVERPAYMENT: 'Applied in effective-date order, the plan\'s payments would exceed what it owes; nothing was recorded',
  REFUND_EXCEEDS_CAPTURED: 'Refunds cannot exceed the captured amount less what was already refunded',
  PLAN_SETTLED: 'The plan owes nothing on that date; nothing was recorded',
} satisfies Partial<Record<LedgerError['code'], string>>;

const isBusinessRefusal = (error: unknown): error is LedgerError & { code: keyof typeof BUSINESS_REFUSALS } =>
  error instanceof LedgerError && Object.hasOwn(BUSINESS_REFUSALS, error.code);

/**
 * Refuses the mutation for the engine's business refusals; anything else (INVALID_SCHEDULE,
 * INVALID_AMOUNT, INVALID_DATE: a caller bug, or any other error) is rethrown, so it reaches the
 * client as INTERNAL_SERVER_ERROR with the request id and is logged in full.
 */
export function refuseLedgerError(error: unknown): never {
  if (isBusinessRefusal(error)) refuse(error.code, BUSINESS_REFUSALS[error.code], ['input']);
  if (error instanceof PlanTransitionError) {
    refuse('ILLEGAL_TRANSITION', `This would move the plan from ${error.from} to ${error.to}, which is not allowed`, ['input']);
  }
  throw error;
}
