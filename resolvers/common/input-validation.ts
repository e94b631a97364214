import { isEmail, registerDecorator, ValidationError } from 'class-validator';
import { UserErrorCode } from './user-error.type';
import type { UserErrorValue } from '../../src/services/lifecycle/user-error';
import { StoredText, StoredTextRefusal } from '../../src/services/stored-text';

/**
 * The code of a failed class-validator constraint, by the constraint's name. A constraint can name
 * its own code with `{ context: { code } }` (the phone pattern does); anything else is INVALID.
 */
const CODE_OF_CONSTRAINT: Record<string, UserErrorCode> = {
  isEmail: UserErrorCode.INVALID_EMAIL,
  min: UserErrorCode.OUT_OF_RANGE,
  max: UserErrorCode.OUT_OF_RANGE,
  storedMinLength: UserErrorCode.TOO_SHORT,
  storedMaxLength: UserErrorCode.TOO_LONG,
};

/** The `context` of a constraint that answers with its own code (the phone pattern's INVALID_PHONE). */
export const withCode = (code: UserErrorCode) => ({ code });

/** One class-validator constraint per refusal, so that each carries its own code. */
const REFUSAL_CONSTRAINTS: [StoredTextRefusal, string, (text: StoredText) => string][] = [
  ['MALFORMED', 'wellFormedText', () => '$property must be well-formed Unicode text (no unpaired surrogate)'],
  ['TOO_SHORT', 'storedMinLength', (text) => `$property must be at least ${text.minLength} characters long (after normalization)`],
  ['TOO_LONG', 'storedMaxLength', (text) => `$property must be at most ${text.maxLength} characters long (after normalization)`],
];

/**
 * A text stored as `text` says: its bounds are checked on the stored form (normalized, trimmed,
 * lowercased as the service will store it) and counted in code points, as MariaDB counts the
 * column, so no value accepted here is refused by the database. `email`: the stored form must also
 * be an email address (its length is the column's business, hence `ignore_max_length`).
 */
export function StoredTextField(text: StoredText, options: { email?: boolean } = {}): PropertyDecorator {
  // The constraints of one property run one after the other on the same value: remembered once.
  let last: { sent: string; refusal: StoredTextRefusal | null } | undefined;
  const refusalOf = (sent: unknown): StoredTextRefusal | null => {
    if (typeof sent !== 'string') return null;
    if (last?.sent !== sent) last = { sent, refusal: text.refusal(sent) };
    return last.refusal;
  };
  return (target, property) => {
    for (const [refusal, name, message] of REFUSAL_CONSTRAINTS) {
      registerDecorator({
        name, target: target.constructor, propertyName: property as string, options: { message: message(text) },
        validator: { validate: (value: unknown) => refusalOf(value) !== refusal },
      });
    }
    if (options.email) {
      registerDecorator({
        name: 'isEmail', target: target.constructor, propertyName: property as string, options: { message: '$property must be an email' },
        validator: { validate: (value: unknown) => typeof value === 'string' && isEmail(text.store(value), { ignore_max_length: true }) },
      });
    }
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
