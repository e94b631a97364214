import type { GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { FAULT_CODES, FaultCode, ServiceFault } from '../db/faults';

/** What the client sees of a dependency fault (db/faults.ts): the code, whether repeating the request is safe, and when to. */
export const faultExtensions = (fault: ServiceFault, requestId: string) => ({
  code: fault.code, requestId, retryable: fault.retryable, retryAfterSeconds: fault.retryAfterSeconds,
});

const isFaultCode = (code: unknown): code is FaultCode => FAULT_CODES.includes(code as FaultCode);

/**
 * Apollo answers resolver errors with HTTP 200; a dependency fault is answered 503 with Retry-After
 * (the longest any of the errors asks for) so that proxies, SDKs and partners' retry logic see it.
 */
export function answerFaultsWith503(response: GraphQLResponse, errors: readonly GraphQLFormattedError[]): void {
  const faults = errors.filter((e) => isFaultCode(e.extensions?.code));
  if (faults.length === 0) return;
  const retryAfter = Math.max(...faults.map((e) => Number(e.extensions?.retryAfterSeconds ?? 1)));
  response.http.status = 503;
  response.http.headers.set('retry-after', String(retryAfter));
}

/** The HTTP headers of a fault answered outside Apollo (authentication, the deadline). */
export const faultHeaders = (fault: ServiceFault) => ({ 'retry-after': String(fault.retryAfterSeconds) });
