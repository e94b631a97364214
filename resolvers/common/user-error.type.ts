import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID = 'INVALID',
  INVALID_EMAIL = 'INVALID_EMAIL',
  INVALID_PHONE = 'INVALID_PHONE',
  TOO_SHORT = 'TOO_SHORT',
  TOO_LONG = 'TOO_LONG',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  TOO_PRECISE = 'TOO_PRECISE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  UNKNOWN_CURRENCY = 'UNKNOWN_CURRENCY',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  INVALID_DATE = 'INVALID_DATE',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_BEFORE_CAPTURE = 'DATE_BEFORE_CAPTURE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  APPLICATION_DECLINED = 'APPLICATION_DECLINED',
  APPLICATION_EXPIRED = 'APPLICATION_EXPIRED',
  EXPOSURE_LIMIT = 'EXPOSURE_LIMIT',
  AMOUNT_EXCEEDS_AUTHORIZED = 'AMOUNT_EXCEEDS_AUTHORIZED',
  AMOUNT_EXCEEDS_BALANCE = 'AMOUNT_EXCEEDS_BALANCE',
  REFUND_EXCEEDS_CAPTURED = 'REFUND_EXCEEDS_CAPTURED',
  OVERPAYMENT = 'OVERPAYMENT',
  PLAN_SETTLED = 'PLAN_SETTLED',
  ALREADY_REVERSED = 'ALREADY_REVERSED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  CONFLICT = 'CONFLICT',
  TAKEN = 'TAKEN',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation was refused or what its business outcome was.' });

@ObjectType({ simpleResolvers: true, description: 'A problem with a mutation\'s input or a business outcome (e.g. a declined application).' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "amount", "amount"].' })
  field!: string[] | null;

  @Field() message!: string;
  @Field(() => UserErrorCode) code!: UserErrorCode;
}

/** Codes outside the enum would break clients generated from the schema; they surface as INVALID. */
export function toUserErrors(errors: { field: string[] | null; message: string; code: string }[]): UserError[] {
  const known = new Set<string>(Object.values(UserErrorCode));
  return errors.map((e) => ({ field: e.field, message: e.message, code: (known.has(e.code) ? e.code : UserErrorCode.INVALID) as UserErrorCode }));
}
