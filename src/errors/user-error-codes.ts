/**
 * Every code a mutation's userErrors may carry: the one list `refuse()` takes its code from and the
 * schema's UserErrorCode enum is built from (resolvers/common/user-error.type.ts), so a code that is
 * not here does not compile. Top-level errors have their own table (error-codes.ts).
 */
export const USER_ERROR_CODES = [
  'NOT_FOUND',
  'INVALID',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_AMOUNT',
  'TOO_PRECISE',
  'OUT_OF_RANGE',
  'UNKNOWN_CURRENCY',
  'CURRENCY_MISMATCH',
  'INVALID_DATE',
  'DATE_IN_FUTURE',
  'DATE_BEFORE_CAPTURE',
  'ILLEGAL_TRANSITION',
  'APPLICATION_DECLINED',
  'APPLICATION_EXPIRED',
  'EXPOSURE_LIMIT',
  'AMOUNT_EXCEEDS_AUTHORIZED',
  'AMOUNT_EXCEEDS_BALANCE',
  'REFUND_EXCEEDS_CAPTURED',
  'OVERPAYMENT',
  'PLAN_SETTLED',
  'ALREADY_REVERSED',
  'IDEMPOTENCY_KEY_REUSED',
  'CONFLICT',
  'TAKEN',
] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
