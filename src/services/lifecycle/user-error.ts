import type { UserErrorCode } from '../../errors/user-error-codes';

/** A business outcome the client must act on, reported in the payload's userErrors. */
export interface UserErrorValue {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/**
 * Thrown inside a mutation's transaction to refuse it: the transaction rolls back, so nothing of the
 * refused mutation is written, and the caller reports the errors as userErrors.
 */
export class MutationRefused extends Error {
  readonly code = 'MUTATION_REFUSED';
  constructor(readonly userErrors: UserErrorValue[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

export const refuse = (code: UserErrorCode, message: string, field: string[] | null = null): never => {
  throw new MutationRefused([{ code, message, field }]);
};
