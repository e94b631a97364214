import { GraphQLError, SourceLocation } from 'graphql';

/**
 * graphql-jit's refusals of a variable, worded as graphql-js's ("Variable "$x" got invalid value …"),
 * which Apollo would mark BAD_USER_INPUT had graphql-js raised them. graphql-js coerces the
 * variables first (jit-gateway.ts), so these arise only where the two executors disagree.
 */
const JIT_VARIABLE_REFUSAL = /^Variable "\$[_A-Za-z]\w*" (?:got invalid value |of required type |of non-null type )/;

/**
 * graphql-jit reports errors with its own GraphQLError look-alike, whose `extensions` is undefined
 * when what the resolver threw had none (a driver error, a TypeError). Apollo reads
 * `error.extensions.code` before it calls formatError, so such an error would break Apollo's
 * formatting and reach the normalizer as Apollo's anonymous fallback, without the thrown thing.
 * Rebuilt as graphql-js errors, they reach the normalizer with their original, path and locations;
 * a refused variable as the client's mistake, not as an internal error logged with the value.
 */
export function asGraphQLJsErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((error) => {
    const refusedVariable = !error.extensions?.code && JIT_VARIABLE_REFUSAL.test(error.message);
    const extensions = refusedVariable ? { ...error.extensions, code: 'BAD_USER_INPUT' } : error.extensions ?? {};
    const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions });
    // The constructor computes locations only from AST nodes, which graphql-jit does not keep.
    (rebuilt as { locations?: readonly SourceLocation[] }).locations = error.locations;
    return rebuilt;
  });
}
