import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { classifyFault } from '../../db/faults';
import { MutationRefused } from '../../services/lifecycle/user-error';
import { ERROR_CODES, ErrorCode, isErrorCode } from '../../errors/error-codes';
import { withoutSubmittedValues } from './submitted-values';

/**
 * What the client sees of one thrown thing, with the thing itself beside it when it was not a client
 * error (to be logged under the request id, never shown).
 */
export interface NormalizedError {
  code: ErrorCode;
  formatted: GraphQLFormattedError;
  unexpected?: unknown;
}

/**
 * Extensions that never leave the server: transport hints Apollo already applied, stack traces, and
 * class-validator's report, whose `target` repeats every submitted value (an applicant's name and
 * email included).
 */
const PRIVATE_EXTENSIONS = new Set(['http', 'stacktrace', 'exception', 'validationErrors']);

/**
 * The one function that turns anything thrown (by a resolver, a plugin, graphql-js, Apollo, the HTTP
 * layer) into what the client may see. `formatted` is Apollo's rendering of the same error (message,
 * locations, path); without it (the HTTP layer) the error is rendered here.
 *
 * An error raised while executing a field arrives wrapped (a GraphQLError with a path around what the
 * resolver threw); what decides is the thrown thing: a GraphQLError with a code of ERROR_CODES is the
 * client's, a refused mutation that escaped its payload is BAD_USER_INPUT naming its field, and
 * everything else (driver errors, TypeErrors, a GraphQLError without a known code such as a scalar
 * refusing to serialize) is INTERNAL_SERVER_ERROR, returned with the original for the log. A client
 * error's message loses any submitted value graphql-js quoted in it (submitted-values.ts).
 */
export function normalizeError(thrown: unknown, formatted: GraphQLFormattedError = renderedAlone(thrown)): NormalizedError {
  const original = unwrapResolverError(thrown);
  // A dependency that failed is not a bug: an honest 503 code, with whether and when to retry (db/faults.ts).
  const fault = classifyFault(original);
  if (fault) {
    return clientError(fault.code, formatted, { message: fault.message, extensions: { retryable: fault.retryable, retryAfterSeconds: fault.retryAfterSeconds } });
  }
  if (original instanceof MutationRefused) {
    const [first] = original.userErrors;
    return clientError('BAD_USER_INPUT', formatted, { message: original.message, extensions: first?.field ? { field: first.field } : {} });
  }
  const code = original instanceof GraphQLError ? original.extensions.code ?? formatted.extensions?.code : undefined;
  if (isErrorCode(code) && ERROR_CODES[code].message === 'kept') {
    return clientError(code, formatted, { message: withoutSubmittedValues(formatted.message, original), extensions: (original as GraphQLError).extensions });
  }
  return { code: 'INTERNAL_SERVER_ERROR', unexpected: original ?? thrown, formatted: internalError(formatted) };
}

/** The client's view of an internal error: no message of ours, no extensions but the code (the request id is added per request). */
function internalError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function clientError(code: ErrorCode, formatted: GraphQLFormattedError, from: { message: string; extensions: Record<string, unknown> }): NormalizedError {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(from.extensions)) {
    if (!PRIVATE_EXTENSIONS.has(key)) extensions[key] = value;
  }
  extensions.code = code;
  // A fault knows better (a write without an idempotency key is not safe to repeat).
  if (ERROR_CODES[code].retryable && extensions.retryable === undefined) extensions.retryable = true;
  return { code, formatted: { ...formatted, message: from.message, extensions } };
}

function renderedAlone(thrown: unknown): GraphQLFormattedError {
  if (thrown instanceof GraphQLError) return thrown.toJSON();
  return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** An internal error's message names the request so support can find its log line. */
export function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return {
    ...error,
    message: `Internal server error (request ${requestId})`,
    extensions: { ...error.extensions, requestId },
  };
}
