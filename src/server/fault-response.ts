import type { ServiceFault } from '../db/faults';

/** What the client sees of a dependency fault (db/faults.ts): the code, whether repeating the request is safe, and when to. */
export const faultExtensions = (fault: ServiceFault, requestId: string) => ({
  code: fault.code, requestId, retryable: fault.retryable, retryAfterSeconds: fault.retryAfterSeconds,
});

/** The HTTP headers of a fault answered outside Apollo (authentication, the deadline). */
export const faultHeaders = (fault: ServiceFault) => ({ 'retry-after': String(fault.retryAfterSeconds) });
