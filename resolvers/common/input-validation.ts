import { MaxLength, MinLength, ValidationError } from 'class-validator';
import { UserErrorCode } from './user-error.type';
import type { UserErrorValue } from '../../src/services/lifecycle/user-error';

/**
 * The code of a failed class-validator constraint, by the constraint's name. A constraint can name
 * its own code with `{ context: { code } }` (the phone pattern does); anything else is INVALID.
 */
const CODE_OF_CONSTRAINT: Record<string, UserErrorCode> = {
  isEmail: UserErrorCode.INVALID_EMAIL,
  min: UserErrorCode.OUT_OF_RANGE,
  max: UserErrorCode.OUT_OF_RANGE,
  minLength: UserErrorCode.TOO_SHORT,
  maxLength: UserErrorCode.TOO_LONG,
};

/**
 * A text length in characters. Two constraints rather than class-validator's `@Length` so that a
 * value too short and one too long carry different codes.
 */
export function TextLength(min: number, max: number): PropertyDecorator {
  return (target, property) => {
    MinLength(min)(target, property as string);
    MaxLength(max)(target, property as string);
  };
}

/**
 * Every failed constraint of a validated input as a userError: the path from the argument down to
 * the field, a code, and class-validator's message, which names the property and the constraint but
 * never the submitted value (the value, and the `target` object holding the whole input, are dropped
 * here so that no applicant data can reach a response).
 */
export function constraintFailures(errors: readonly ValidationError[], path: readonly string[]): UserErrorValue[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message,
      code: (error.contexts?.[constraint]?.code as UserErrorCode | undefined) ?? CODE_OF_CONSTRAINT[constraint] ?? UserErrorCode.INVALID,
    }));
    return [...own, ...constraintFailures(error.children ?? [], field)];
  });
}

/**
 * Thrown by the schema's validateFn when a mutation's input breaks a constraint. The mutation's
 * resolver never runs, so nothing is written; the server turns this into the payload's userErrors.
 */
export class MutationInputInvalid extends Error {
  constructor(readonly userErrors: UserErrorValue[]) {
    super(`Invalid input: ${userErrors.map((e) => e.field?.join('.')).join(', ')}`);
  }
}
