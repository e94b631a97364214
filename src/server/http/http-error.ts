import type { ServerResponse } from 'node:http';
import { ERROR_CODES, ErrorCode } from '../../errors/error-codes';
import { errorMediaType } from './media-type';

/**
 * A request Tenor refuses before Apollo sees it; the client receives a GraphQL-shaped error body. Its
 * status is the code's in the one code table (src/errors/error-codes.ts).
 */
export class HttpError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Every status Tenor uses here is 4xx or 5xx, which is what GraphQL over HTTP requires of a request
 * error in application/graphql-response+json; application/json (the legacy type) gets the same codes.
 */
export function sendError(res: ServerResponse, error: HttpError, requestId: string, accept: string | undefined): void {
  const { extensions: topLevel, ...errorExtensions } = error.extensions;
  const body = {
    errors: [{ message: error.message, extensions: { code: error.code, requestId, ...errorExtensions } }],
    ...(topLevel ? { extensions: topLevel } : {}),
  };
  sendJson(res, error.status, body, error.headers, `${errorMediaType(accept)}; charset=utf-8`);
}
