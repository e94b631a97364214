/**
 * Every top-level `extensions.code` a client can receive, with the HTTP status it carries and whether
 * retrying the same request can succeed. One table: the HTTP layer, the Apollo plugin, the database
 * layer's faults (src/db/faults.ts) and docs/api.md ("Error codes") all read their answer from here,
 * and a code that is not in it never reaches a client (it becomes INTERNAL_SERVER_ERROR). It sits
 * below every layer so that the database layer, which may not import the server, reads it too.
 * userErrors in mutation payloads are not top-level errors and have their own codes (user-error-codes.ts).
 *
 * `scope` says when the status applies. `request`: only when the request was refused as a whole (the
 * response has no `data`); an error of that code raised while executing (one field of a larger read)
 * leaves the response 200, as GraphQL over HTTP asks, with the error beside the data that did
 * resolve. `response`: the status applies whenever the code is present (access refused, a budget
 * spent, a dependency unavailable), because no part of the answer can be trusted or acted on.
 *
 * `retryable` codes tell the client to send the same request again after `Retry-After` seconds (with
 * the same idempotencyKey for mutations: nothing is applied twice). Retryable errors carry
 * `extensions.retryable: true`, and a 503 also carries `Retry-After`.
 */
export interface ErrorCodeRule {
  status: number;
  scope: 'request' | 'response';
  retryable: boolean;
  /** Seconds for Retry-After on a 503 (429 computes its own from the key's bucket). */
  retryAfterSeconds?: number;
  /** `kept`: the thrown message is written for the client; `masked`: a fixed message with the request id. */
  message: 'kept' | 'masked';
  /** For the documentation table. */
  meaning: string;
}

/** A 503: a dependency fault (src/db/faults.ts), answered with this message and Retry-After. */
export interface FaultRule extends ErrorCodeRule {
  status: 503;
  retryAfterSeconds: number;
  /** What the client reads: nothing was changed (or whether it was is unknown), and what to do. */
  faultMessage: string;
}

const refused = (status: number, meaning: string): ErrorCodeRule => ({ status, scope: 'request', retryable: false, message: 'kept', meaning });
const denied = (status: number, meaning: string): ErrorCodeRule => ({ status, scope: 'response', retryable: false, message: 'kept', meaning });
const unavailable = (meaning: string, faultMessage: string, retryAfterSeconds = 1): FaultRule =>
  ({ status: 503, scope: 'response', retryable: true, retryAfterSeconds, message: 'kept', meaning, faultMessage });

const CODES = {
  // Transport: refused by the HTTP layer before GraphQL sees the request.
  BAD_REQUEST: refused(400, 'The HTTP request is not GraphQL over HTTP: not JSON, no query, a query that is not a string.'),
  BATCHING_NOT_SUPPORTED: refused(400, 'A JSON array of operations; send one operation per request.'),
  PAYLOAD_TOO_LARGE: refused(413, 'The body is over 256 KB.'),
  NOT_FOUND: refused(404, 'A path other than /graphql, /healthz, /readyz.'),
  METHOD_NOT_ALLOWED: refused(405, 'A method other than POST, GET or OPTIONS on /graphql (with a valid key: without one it is 401 like any request), or a mutation sent by GET (Allow says which methods would do).'),
  AMBIGUOUS_CREDENTIALS: refused(400, 'Several Authorization headers, or one holding several credentials; send one "Authorization: Bearer <key>". Refused before any key is looked up.'),
  JSON_TOO_DEEP: refused(400, 'The JSON body (or a GET\'s variables) nests objects and arrays deeper than 32 levels; refused before parsing.'),
  VARIABLES_TOO_LARGE: refused(413, '"variables" is over 64 K characters of JSON (extensions.maxChars).'),
  // Document limits, checked before validation.
  MAX_TOKENS_EXCEEDED: refused(400, 'The document has more tokens than MAX_QUERY_TOKENS.'),
  MAX_DEPTH_EXCEEDED: refused(400, 'Selections nest deeper than MAX_QUERY_DEPTH.'),
  MAX_FIELDS_EXCEEDED: refused(400, 'More fields than MAX_QUERY_FIELDS.'),
  MAX_ALIASES_EXCEEDED: refused(400, 'More aliases than MAX_QUERY_ALIASES.'),
  MAX_ROOT_FIELDS_EXCEEDED: refused(400, 'More root fields than MAX_QUERY_ROOT_FIELDS.'),
  MAX_DIRECTIVES_EXCEEDED: refused(400, 'More directives than MAX_QUERY_DIRECTIVES.'),
  // GraphQL itself.
  GRAPHQL_PARSE_FAILED: refused(400, 'The query is not valid GraphQL syntax.'),
  GRAPHQL_VALIDATION_FAILED: refused(400, 'The query does not match the schema (unknown field, wrong argument type, literal a scalar refuses).'),
  OPERATION_RESOLUTION_FAILURE: refused(400, 'operationName names no operation, or several operations and no operationName.'),
  SUBSCRIPTIONS_NOT_SUPPORTED: refused(400, 'Subscriptions are not offered; poll the query you need (webhooks are not available yet).'),
  PERSISTED_QUERY_NOT_FOUND: refused(200, 'Automatic persisted queries: the hash is not known yet; send it again with the query (Apollo clients do this by themselves).'),
  PERSISTED_QUERY_NOT_SUPPORTED: refused(200, 'A persisted query in a form the server does not accept.'),
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: refused(400, 'extensions.persistedQuery.version is not 1.'),
  PERSISTED_QUERY_HASH_MISMATCH: refused(400, 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.'),
  BAD_USER_INPUT: refused(400, 'An argument or variable is malformed: a page size outside 1..100, a cursor of another list, a date that is not a date. Names the argument in extensions.argumentName. (An id that names nothing you can see, malformed or of another type included, is not an error: the field is null.)'),
  MAX_COST_EXCEEDED: refused(400, 'The requested cost is over MAX_QUERY_COST; ask for smaller pages.'),
  // Access.
  UNAUTHENTICATED: denied(401, 'No API key, or one that is unknown or revoked.'),
  FORBIDDEN: denied(403, 'The key\'s role may not do this (analysts are read-only; ADMIN operations; introspection in production).'),
  THROTTLED: { status: 429, scope: 'response', retryable: true, message: 'kept', meaning: 'The key\'s cost budget is spent; Retry-After says when enough is restored.' },
  // Faults that are not the client's: retry the same request (mutations with the same idempotencyKey).
  SERVICE_UNAVAILABLE: unavailable('The gateway is starting, stopping or cannot reach a dependency.',
    'The service is temporarily unavailable; nothing was changed. Retry later.', 5),
  DATABASE_BUSY: unavailable('The database is overloaded or failing over.', 'The database is busy; nothing was changed. Retry later.'),
  TIMEOUT: unavailable('The request took longer than the server allows; an open transaction was rolled back.',
    'The request did not finish within its deadline and was abandoned; an open transaction was rolled back. Retry later (with the same idempotencyKey, a mutation is applied at most once).', 2),
  OUTCOME_UNKNOWN: unavailable('The database went away during a mutation\'s commit; retry with the same idempotencyKey to learn the outcome.',
    'The connection to the database was lost while the change was being committed; it may or may not have been applied. Retry with the same idempotencyKey to learn the outcome.'),
  PLAN_BUSY: unavailable('Another money movement holds the plan; retry shortly.',
    'Too many changes to this plan are in progress; nothing was changed. Retry shortly.'),
  INTERNAL_SERVER_ERROR: { status: 500, scope: 'request', retryable: false, message: 'masked', meaning: 'A fault of ours. The message carries the request id only; quote it to support. The same request usually meets the same fault; a mutation retried with its idempotencyKey is never applied twice.' },
} satisfies Record<string, ErrorCodeRule>;

export type ErrorCode = keyof typeof CODES;

/** The codes a dependency fault may carry: the 503s. */
export type FaultCode = { [C in ErrorCode]: (typeof CODES)[C] extends FaultRule ? C : never }[ErrorCode];

export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorCodeRule>> = CODES;

/** The same table, seen from a fault: its 503 rows with their message and Retry-After. */
export const FAULT_RULES: Readonly<Record<FaultCode, FaultRule>> = CODES;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
