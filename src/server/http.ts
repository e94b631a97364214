import http, { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AuthenticationError } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { UnauthenticatedError } from '../../resolvers/common/errors';
import { checkQueryText } from './limits/document-limits';
import type { DocumentLimits } from './limits/limits-config';
import type { Throttle } from './limits/throttle';
import type { Logger } from './logger';
import type { GatewayContext, RequestReport } from './request-report';

/** Request bodies larger than this are refused with 413 before they are read to the end. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpDeps {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  documentLimits: DocumentLimits;
  throttle: Throttle;
  /** Resolves the Authorization header to a viewer; throws AuthenticationError for a bad key. */
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  buildContext: (viewer: Viewer, report: RequestReport) => GatewayContext;
  isReady: () => Promise<boolean>;
  /** Sees every request once its response is sent (metrics); settles report.outcome for the log line. */
  observeRequest?: (path: string, status: number, report: RequestReport, startedNs: bigint) => void;
  /** Runs the request inside its trace span (tracing on only). */
  withRequestSpan?: (req: IncomingMessage, res: ServerResponse, report: RequestReport, work: () => Promise<void>) => Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError, requestId: string): void {
  const { extensions: topLevel, ...errorExtensions } = error.extensions;
  const body = {
    errors: [{ message: error.message, extensions: { code: error.code, requestId, ...errorExtensions } }],
    ...(topLevel ? { extensions: topLevel } : {}),
  };
  sendJson(res, error.status, body, error.headers);
}

function readBody(req: IncomingMessage): Promise<string> {
  // Answered without reading the rest, and the connection is closed so the rest is never received.
  const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
    { maxBytes: MAX_BODY_BYTES }, { connection: 'close' });
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        req.pause();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GraphQL over HTTP POST is JSON; anything else is refused before authentication and parsing. */
function parseJsonBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new HttpError(400, 'BAD_REQUEST', 'Send POST bodies as JSON with "Content-Type: application/json"');
  }
  if (text.trim() === '') throw new HttpError(400, 'BAD_REQUEST', 'The request body is empty; send {"query": "..."}');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
  if (Array.isArray(body)) throw new HttpError(400, 'BATCHING_NOT_SUPPORTED', 'Send one operation per request; batched requests are not accepted');
  if (body === null || typeof body !== 'object') throw new HttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object such as {"query": "..."}');
  const query = (body as Record<string, unknown>).query;
  if (query === undefined || query === null || query === '') throw new HttpError(400, 'BAD_REQUEST', 'The request body has no "query"');
  if (typeof query !== 'string') throw new HttpError(400, 'BAD_REQUEST', '"query" must be a string');
  return body as Record<string, unknown>;
}

export interface GatewayHttpServer {
  server: http.Server;
  /**
   * Resolves once every request handler that has started has finished. A client that goes away
   * does not stop its request (a mutation may be inside its transaction), so shutdown waits for this
   * as well as for the connections before it releases the database.
   */
  whenIdle(): Promise<void>;
}

/** POST/GET /graphql through Apollo, plus health routes; one log line per request. */
export function createHttpServer(deps: HttpDeps): GatewayHttpServer {
  const running = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const report: RequestReport = { requestId: randomUUID() };
    res.setHeader('x-request-id', report.requestId);
    res.on('finish', () => {
      deps.observeRequest?.((req.url ?? '/').split('?')[0], res.statusCode, report, started);
      logRequest(deps.logger, req, res, report, started);
    });
    const run = () => handle(req, res, report, deps);
    const work = (deps.withRequestSpan?.(req, res, report, run) ?? run()).catch((error: unknown) => {
      if (error instanceof HttpError) {
        report.codes = [error.code];
        return sendError(res, error, report.requestId);
      }
      Object.assign(report, { codes: ['INTERNAL_SERVER_ERROR'], failure: error });
      deps.logger.error({ err: error, requestId: report.requestId }, 'unhandled HTTP error');
      if (!res.headersSent) sendError(res, new HttpError(500, 'INTERNAL_SERVER_ERROR', `Internal server error (request ${report.requestId})`), report.requestId);
      else res.destroy();
    });
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  return {
    server,
    async whenIdle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** No headers, variables or bodies: they carry keys and applicants' personal data. */
function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, report: RequestReport, started: bigint): void {
  const path = (req.url ?? '/').split('?')[0];
  const level = path === '/graphql' ? 'info' : 'debug';
  logger[level]({
    requestId: report.requestId, method: req.method, path, status: res.statusCode, operationName: report.operationName ?? null,
    role: report.role, partnerId: report.partnerId, apiKeyId: report.apiKeyId, cost: report.cost,
    outcome: report.outcome ?? (res.statusCode < 400 ? 'ok' : 'internal'), codes: report.codes, traceId: report.traceId,
    durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
  }, 'request');
}

async function handle(req: IncomingMessage, res: ServerResponse, report: RequestReport, deps: HttpDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    const ready = await deps.isReady().catch(() => false);
    return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable' });
  }
  if (url.pathname !== '/graphql') throw new HttpError(404, 'NOT_FOUND', 'Not found; the API is at /graphql');
  if (req.method !== 'GET' && req.method !== 'POST') {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST (or GET for the Sandbox)', {}, { allow: 'GET, POST' });
  }

  const body = req.method === 'POST' ? parseJsonBody(await readBody(req), req.headers['content-type']) : undefined;
  // The Sandbox page is HTML for browsers and needs no key; everything else is authenticated here,
  // before Apollo parses or validates anything.
  const wantsLandingPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  const viewer = wantsLandingPage ? null : await authenticateRequest(req, report, deps);
  if (viewer) await refuseOversizedDocument(body?.query ?? url.searchParams.get('query'), viewer, deps);

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
    context: async () => deps.buildContext(viewer ?? await authenticateForApollo(req, report, deps), report),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

async function authenticateRequest(req: IncomingMessage, report: RequestReport, deps: HttpDeps): Promise<Viewer> {
  try {
    const viewer = await deps.authenticate(req.headers.authorization);
    Object.assign(report, { role: viewer.role, partnerId: viewer.partnerId, apiKeyId: viewer.apiKeyId });
    return viewer;
  } catch (error) {
    if (error instanceof AuthenticationError) throw new HttpError(401, 'UNAUTHENTICATED', error.message, {}, { 'www-authenticate': 'Bearer' });
    throw error;
  }
}

/** A GET that asked for HTML but reached Apollo anyway (no landing page in production). */
async function authenticateForApollo(req: IncomingMessage, report: RequestReport, deps: HttpDeps): Promise<Viewer> {
  try {
    return await authenticateRequest(req, report, deps);
  } catch (error) {
    if (error instanceof HttpError) throw new UnauthenticatedError(error.message);
    deps.logger.error({ err: error, requestId: report.requestId }, 'authentication failed');
    throw new GraphQLError(`Internal server error (request ${report.requestId})`, { extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: report.requestId } });
  }
}

async function refuseOversizedDocument(query: unknown, viewer: Viewer, deps: HttpDeps): Promise<void> {
  if (typeof query !== 'string') return;
  const violation = checkQueryText(query, deps.documentLimits);
  if (!violation) return;
  // Nothing ran and nothing is charged, but the client still learns where its budget stands.
  const { status } = await deps.throttle.take(String(viewer.apiKeyId), 0);
  throw new HttpError(400, violation.code, violation.message, {
    ...violation.extensions,
    extensions: { cost: { requestedQueryCost: 0, actualQueryCost: 0, throttleStatus: status } },
  });
}
