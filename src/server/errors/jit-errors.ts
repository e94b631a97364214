import { GraphQLError, SourceLocation } from 'graphql';

/**
 * graphql-jit reports errors with its own GraphQLError look-alike, whose `extensions` is undefined
 * when what the resolver threw had none (a driver error, a TypeError). Apollo reads
 * `error.extensions.code` before it calls formatError, so such an error would break Apollo's
 * formatting and reach the normalizer as Apollo's anonymous fallback, without the thrown thing.
 * Rebuilt as graphql-js errors, they reach the normalizer with their original, path and locations.
 */
export function asGraphQLJsErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((error) => {
    const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions ?? {} });
    // The constructor computes locations only from AST nodes, which graphql-jit does not keep.
    (rebuilt as { locations?: readonly SourceLocation[] }).locations = error.locations;
    return rebuilt;
  });
}
