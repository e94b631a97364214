import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger';
import type { GatewayContext } from '../request-report';
import { ERROR_CODES, isErrorCode } from '../../errors/error-codes';
import { normalizeError, withRequestId } from './normalize-error';

/**
 * The original of each error that normalizeError found unexpected, keyed by the very object the
 * client will receive: Apollo hands formatError each error with its formatted form, and the plugin
 * below meets those same objects in the response, so nothing is paired by position.
 */
const unexpectedOriginals = new WeakMap<GraphQLFormattedError, unknown>();

/** Apollo's `formatError`: every error of every response passes here once, with what was thrown. */
export function formatError(formatted: GraphQLFormattedError, thrown: unknown): GraphQLFormattedError {
  const normalized = normalizeError(thrown, formatted);
  if (normalized.unexpected !== undefined) unexpectedOriginals.set(normalized.formatted, normalized.unexpected);
  return normalized.formatted;
}

/**
 * Completes what formatError cannot know: the request's id (in each internal error and the log), and
 * the HTTP status and Retry-After the code table gives. The log has the first unexpected error of a
 * request in full and a count of the rest (a failing dependency fails every field of a large read,
 * and hundreds of identical stacks per request would drown the log).
 */
export function errorPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          const { requestId } = contextValue;
          let unexpectedCount = 0;
          result.errors = result.errors!.map((error) => {
            if (!unexpectedOriginals.has(error)) return error;
            unexpectedCount++;
            if (unexpectedCount === 1) logger.error({ err: unexpectedOriginals.get(error), requestId, path: error.path }, 'unexpected error');
            return withRequestId(error, requestId);
          });
          if (unexpectedCount > 1) {
            logger.error({ requestId, count: unexpectedCount }, `${unexpectedCount - 1} more unexpected errors in this request (the first is logged above)`);
          }
          // A 503 names the request too: the client reports it when the fault persists.
          result.errors = result.errors.map((error) => (isErrorCode(error.extensions?.code) && ERROR_CODES[error.extensions.code].status === 503
            ? { ...error, extensions: { ...error.extensions, requestId } } : error));
          const head = httpHeadFor(result.errors, result.data !== undefined);
          if (head.status !== undefined) response.http.status = head.status;
          if (head.retryAfterSeconds !== undefined && !response.http.headers.has('retry-after')) {
            response.http.headers.set('retry-after', String(head.retryAfterSeconds));
          }
        },
      };
    },
  };
}

/**
 * The status of a response from the codes of its errors: the highest status among the codes that
 * apply (all of them when nothing was executed; only `response`-scoped ones beside data). Undefined
 * when none applies: the response keeps 200. Retry-After is the longest any retryable error asks
 * for (its own `retryAfterSeconds`, else its code's).
 */
export function httpHeadFor(errors: readonly GraphQLFormattedError[], executed: boolean): { status?: number; retryAfterSeconds?: number } {
  let status: number | undefined;
  let retryAfterSeconds: number | undefined;
  for (const error of errors) {
    const code = error.extensions?.code;
    if (!isErrorCode(code)) continue;
    const rule = ERROR_CODES[code];
    if (rule.scope === 'request' && executed) continue;
    status = Math.max(status ?? 0, rule.status);
    const wait = Number(error.extensions?.retryAfterSeconds ?? rule.retryAfterSeconds);
    if (rule.retryable && Number.isFinite(wait)) retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, wait);
  }
  return { status, retryAfterSeconds };
}
