import { GraphQLError } from 'graphql';

/**
 * Top-level errors a client can act on, each with a literal extensions.code. Business outcomes are
 * userErrors in payloads instead; anything else is masked by the server's error normalizer, which
 * also gives each code its HTTP status (src/errors/error-codes.ts).
 */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class BadUserInputError extends GraphQLError {
  /** `field`: the path inside the argument, when the fault is deeper than the argument itself. */
  constructor(message: string, argumentName?: string, field?: string[]) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), ...(field ? { field } : {}) } });
  }
}
