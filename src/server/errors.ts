import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { classifyFault } from '../db/faults';
import { faultExtensions } from './fault-response';
import type { Logger } from './logger';

/** Codes a client may see as they are; anything else is an internal error and is masked. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
  'MAX_COST_EXCEEDED', 'THROTTLED', 'CONFLICT', 'LIMIT_EXCEEDED', 'SUBSCRIPTIONS_NOT_SUPPORTED',
  // Dependency faults (db/faults.ts): HTTP 503 with Retry-After and extensions.retryable.
  'SERVICE_UNAVAILABLE', 'DATABASE_BUSY', 'TIMEOUT', 'OUTCOME_UNKNOWN', 'PLAN_BUSY',
]);

/**
 * The one place a thrown thing becomes what the client sees. Known client errors keep their message
 * and code; everything else (driver errors, bugs) reaches the client as INTERNAL_SERVER_ERROR with
 * the request id and nothing else, and is logged in full under that id: the first of a request in
 * full, the rest counted in one line (a failing dependency fails every field of a large read, and
 * hundreds of identical stacks per request would drown the log).
 */
export function maskErrors(
  errors: readonly GraphQLFormattedError[], originals: readonly unknown[], requestId: string, logger: Logger,
): GraphQLFormattedError[] {
  let unexpectedCount = 0;
  const masked = errors.map((formatted, i) => {
    const { error, unexpected } = maskError(formatted, originals[i], requestId);
    if (unexpected !== undefined) {
      unexpectedCount++;
      if (unexpectedCount === 1) logger.error({ err: unexpected, requestId, path: formatted.path }, 'unexpected error');
    }
    return error;
  });
  if (unexpectedCount > 1) {
    logger.error({ requestId, count: unexpectedCount }, `${unexpectedCount - 1} more unexpected errors in this request (the first is logged above)`);
  }
  return masked;
}

function maskError(formatted: GraphQLFormattedError, error: unknown, requestId: string): { error: GraphQLFormattedError; unexpected?: unknown } {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  // A dependency that failed is not a bug: no stack in the log per field, an honest 503 code for the client.
  const fault = classifyFault(original);
  if (fault) return { error: { message: fault.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: faultExtensions(fault, requestId) } };
  const isClientError = typeof code === 'string' && CLIENT_CODES.has(code)
    && (original instanceof GraphQLError || !(original instanceof Error) || code !== 'INTERNAL_SERVER_ERROR');
  if (isClientError) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { error: { ...formatted, extensions } };
  }
  return { unexpected: original ?? new Error(formatted.message), error: {
    message: `Internal server error (request ${requestId})`,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  } };
}
