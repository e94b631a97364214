import { ERROR_CODES, isErrorCode } from '../../errors/error-codes';
import type { RequestReport } from '../request-report';

/**
 * The classes every request falls into, for metrics (a label) and logs alike. `unavailable` and
 * `internal` are the server's fault and count against the availability SLO; the rest are answers.
 */
export const REQUEST_OUTCOMES = ['ok', 'user_error', 'client_error', 'throttled', 'unauthenticated', 'unavailable', 'internal'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** Driver and socket codes that mean a dependency (the database) is down, not that our code is wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'POOL_CLOSED', 'ER_SERVER_SHUTDOWN', 'SQLITE_BUSY', 'SQLITE_CANTOPEN',
]);

type ErrorLike = { code?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };

/** Follows GraphQLError.originalError, TypeORM's driverError and `cause` down to the driver's code. */
export function isUnavailable(error: unknown): boolean {
  let e = error as ErrorLike | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    e = (e.originalError ?? e.driverError ?? e.cause) as ErrorLike | undefined;
  }
  return false;
}

/** Outcome of a response that went through GraphQL: `codes` as the client saw them (masked), `originals` as thrown. */
export function graphqlOutcome(codes: readonly string[], originals: readonly unknown[], userErrorCodes: readonly string[]): RequestOutcome {
  if (codes.includes('INTERNAL_SERVER_ERROR')) return originals.some(isUnavailable) ? 'unavailable' : 'internal';
  if (codes.length > 0) return codeOutcome(codes[0]);
  return userErrorCodes.length > 0 ? 'user_error' : 'ok';
}

function codeOutcome(code: string): RequestOutcome {
  if (code === 'THROTTLED') return 'throttled';
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  return 'client_error';
}

/**
 * A request refused or failed before GraphQL answered it: its code tells when the code table makes
 * it a client's refusal (so a refusal is never counted against us, whatever status it went out
 * with), else the HTTP status.
 */
export function httpOutcome(status: number, report: RequestReport): RequestOutcome {
  if (status < 400) return 'ok';
  const code = report.codes?.[0];
  if (isErrorCode(code) && ERROR_CODES[code].status < 500) return codeOutcome(code);
  if (status === 401) return 'unauthenticated';
  if (status === 429) return 'throttled';
  if (status >= 500) return isUnavailable(report.failure) ? 'unavailable' : 'internal';
  return 'client_error';
}
