import http, { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Context } from '../../resolvers/common/context';
import type { Logger } from './logger';

export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  logger: Logger;
  buildContext: (req: IncomingMessage, requestId: string) => Promise<Context>;
  isReady: () => Promise<boolean>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const errorBody = (code: string, message: string, requestId: string) =>
  ({ errors: [{ message, extensions: { code, requestId } }] });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().startsWith('application/json')) return text;
  if (text.trim() === '') throw new HttpError(400, 'BAD_REQUEST', 'The request body is empty; send {"query": "..."}');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/** POST/GET /graphql through Apollo, plus health routes. */
export function createHttpServer(deps: HttpDeps): http.Server {
  return http.createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    handle(req, res, requestId, deps).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, errorBody(error.code, error.message, requestId));
      deps.logger.error({ err: error, requestId }, 'unhandled HTTP error');
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', `Internal server error (request ${requestId})`, requestId));
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, deps: HttpDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    const ready = await deps.isReady().catch(() => false);
    return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable' });
  }
  if (url.pathname !== '/graphql') return sendJson(res, 404, errorBody('NOT_FOUND', 'Not found; the API is at /graphql', requestId));
  if (req.method !== 'GET' && req.method !== 'POST') {
    return sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', 'Use POST (or GET for the Sandbox)', requestId), { allow: 'GET, POST' });
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = req.method === 'POST' ? parseJsonBody(await readBody(req), req.headers['content-type']) : undefined;
  const started = process.hrtime.bigint();
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
    context: () => deps.buildContext(req, requestId),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
  deps.logger.info({
    requestId, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6,
  }, 'request');
}
