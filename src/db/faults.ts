import { FAULT_RULES, type FaultCode } from '../errors/error-codes';

/**
 * What a failure of a dependency means for the client: one of the 503 codes of the error table
 * (src/errors/error-codes.ts), whose message and Retry-After it carries. The request was not wrong;
 * the service could not do it now. Driver errors are mapped by `classifyFault`; the bounded waits
 * throw a `ServiceFault` directly.
 */
export class ServiceFault extends Error {
  readonly retryAfterSeconds: number;
  /**
   * Repeating the request is safe: nothing was changed, or the change is guarded by an idempotency
   * key. False only for TIMEOUT or OUTCOME_UNKNOWN of a write without one.
   */
  readonly retryable: boolean;

  constructor(readonly code: FaultCode, options: { cause?: unknown; message?: string; retryable?: boolean } = {}) {
    super(options.message ?? FAULT_RULES[code].faultMessage, { cause: options.cause });
    this.retryAfterSeconds = FAULT_RULES[code].retryAfterSeconds;
    this.retryable = options.retryable ?? true;
  }
}

interface DriverErrorShape { code?: string; errno?: number; fatal?: boolean; message?: string; driverError?: DriverErrorShape }

const driverError = (error: unknown): DriverErrorShape => {
  const e = (error ?? {}) as DriverErrorShape;
  return e.driverError ?? e;
};

/** Network and protocol failures: the connection is gone (or never came up). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED',
]);
/** MySQL/MariaDB server errors that mean "not now" rather than "wrong". */
const BUSY_ERRNO = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1205, // ER_LOCK_WAIT_TIMEOUT (reaches the client only after the retry budget)
  1213, // ER_LOCK_DEADLOCK (likewise)
]);
const STATEMENT_TIMEOUT_ERRNO = new Set([1969 /* MariaDB max_statement_time */, 3024 /* MySQL MAX_EXECUTION_TIME */]);

/** The connection to the database is lost or refused (mysql2 marks such errors `fatal`). */
export function isConnectionFault(error: unknown): boolean {
  const e = driverError(error);
  return e.fatal === true || CONNECTION_CODES.has(e.code ?? '') || /^Pool is closed|closed state/.test(e.message ?? '');
}

/** A unique index refused the row (MySQL ER_DUP_ENTRY, SQLite's UNIQUE constraint). */
export const isDuplicateKey = (error: unknown): boolean => {
  const e = driverError(error);
  return e.errno === 1062 || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'ER_DUP_ENTRY';
};

/** Deadlock or lock wait timeout: the whole transaction may be tried again. */
export const isLockConflict = (error: unknown): boolean => [1205, 1213].includes(driverError(error).errno ?? 0);

/** What a failure means for the client, or undefined when it is not a dependency fault (a bug, a client error). */
export function classifyFault(error: unknown): ServiceFault | undefined {
  if (error instanceof ServiceFault) return error;
  const e = driverError(error);
  if (isConnectionFault(error)) return new ServiceFault('SERVICE_UNAVAILABLE', { cause: error });
  if (BUSY_ERRNO.has(e.errno ?? 0) || e.code === 'SQLITE_BUSY') return new ServiceFault('DATABASE_BUSY', { cause: error });
  if (STATEMENT_TIMEOUT_ERRNO.has(e.errno ?? 0)) return new ServiceFault('TIMEOUT', { cause: error });
  return undefined;
}
