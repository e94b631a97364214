import http, { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { AmbiguousCredentialsError, AuthenticationError } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import type { RequestDeadline } from '../db/deadline';
import { classifyFault } from '../db/faults';
import { CorsPolicy, listedOrigins, mergeVary } from './http/cors';
import { parseJsonBody } from './http/graphql-body';
import { normalizeError, withRequestId } from './errors/normalize-error';
import { HttpError, sendError, sendJson } from './http/http-error';
import { refuseHostileSearchParams } from './http/json-guard';
import { errorMediaType, prefersHtml } from './http/media-type';
import { persistedQueryHash, withBareHash } from './http/persisted-query';
import type { PersistedQueryStore } from './http/persisted-query-store';
import { RequestBody } from './http/request-body';
import { withRequestDeadline } from './deadline';
import { faultExtensions, faultHeaders } from './fault-response';
import type { FaultConfig } from './fault-config';
import { documentVerdict, selectedOperation } from './limits/document-limits';
import type { DocumentLimits } from './limits/limits-config';
import type { Throttle } from './limits/throttle';
import type { Logger } from './logger';
import type { GatewayContext, RequestReport } from './request-report';

export interface HttpDeps {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  documentLimits: DocumentLimits;
  /** Apollo's automatic persisted queries: a request sending only a hash is checked against the stored document. */
  persistedQueries: PersistedQueryStore;
  /** Whether Apollo serves its landing page (the Sandbox; not in production). */
  landingPage: boolean;
  throttle: Throttle;
  /** Browser origins allowed by CORS (config CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** Resolves the Authorization header to a viewer; throws AuthenticationError for a bad key, AmbiguousCredentialsError for several. */
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  buildContext: (viewer: Viewer, report: RequestReport, deadline: RequestDeadline) => GatewayContext;
  isReady: () => Promise<boolean>;
  /** The request deadline (deadline.ts). */
  faults: FaultConfig;
  /** Sees every request once its response is sent (metrics); settles report.outcome for the log line. */
  observeRequest?: (path: string, status: number, report: RequestReport, startedNs: bigint) => void;
  /** Runs the request inside its trace span (tracing on only). */
  withRequestSpan?: (req: IncomingMessage, res: ServerResponse, report: RequestReport, work: () => Promise<void>) => Promise<void>;
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
  const cors = new CorsPolicy(listedOrigins(deps.corsOrigins));
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const report: RequestReport = { requestId: randomUUID() };
    res.setHeader('x-request-id', report.requestId);
    res.on('finish', () => {
      deps.observeRequest?.((req.url ?? '/').split('?')[0], res.statusCode, report, started);
      logRequest(deps.logger, req, res, report, started);
    });
    const run = () => withRequestDeadline(deps.faults, (deadline) => handle(req, res, report, deps, cors, deadline));
    const work = (deps.withRequestSpan?.(req, res, report, run) ?? run()).catch((error: unknown) => {
      // A body still arriving is not read for a refused request: closing is cheaper than draining it.
      if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
      if (error instanceof HttpError) {
        report.codes = [error.code];
        return sendError(res, error, report.requestId, req.headers.accept);
      }
      // The database failing under authentication, or the deadline passing: 503, never a 500.
      const fault = classifyFault(error);
      if (fault && !res.headersSent) {
        report.codes = [fault.code];
        const { code: _code, requestId: _id, ...extensions } = faultExtensions(fault, report.requestId);
        return sendError(res, new HttpError(fault.code, fault.message, extensions, faultHeaders(fault)), report.requestId, req.headers.accept);
      }
      // Anything else goes through the one normalizer (a coded GraphQLError keeps its code).
      const { code, formatted, unexpected } = normalizeError(error);
      report.codes = [code];
      if (unexpected !== undefined) {
        report.failure = unexpected;
        deps.logger.error({ err: unexpected, requestId: report.requestId }, 'unhandled HTTP error');
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const shown = unexpected === undefined ? formatted : withRequestId(formatted, report.requestId);
      const { code: _code, ...extensions } = shown.extensions ?? {};
      sendError(res, new HttpError(code, shown.message, extensions), report.requestId, req.headers.accept);
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
  // Production logs at warn: the line is not even built.
  if (!logger.isLevelEnabled(level)) return;
  logger[level]({
    requestId: report.requestId, method: req.method, path, status: res.statusCode, operationName: report.operationName ?? null,
    role: report.role, partnerId: report.partnerId, apiKeyId: report.apiKeyId, cost: report.cost,
    outcome: report.outcome ?? (res.statusCode < 400 ? 'ok' : 'internal'), codes: report.codes, traceId: report.traceId,
    durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
  }, 'request');
}

async function handle(
  req: IncomingMessage, res: ServerResponse, report: RequestReport, deps: HttpDeps, cors: CorsPolicy, deadline: RequestDeadline,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    const ready = await deps.isReady().catch(() => false);
    return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable' });
  }
  if (url.pathname !== '/graphql') throw new HttpError('NOT_FOUND', 'Not found; the API is at /graphql');
  if (cors.handle(req, res)) return;
  if (req.method === 'GET' && deps.landingPage && isLandingPageRequest(url.searchParams, req.headers.accept)) return serveLandingPage(res, deps);

  // Every other request is an API request, whatever its method and Accept, and takes one path:
  // authenticated from its headers before more than 8 KB of the body is read and before anything is
  // parsed (a caller without a valid key costs a key lookup and at most 8 KB, whatever it sends; a
  // body that small is read during the lookup, so a mutation whose client goes away meanwhile still
  // runs), then its document, sent in full or by its persisted hash, is held to the limits, and
  // Apollo validates, prices and throttles it.
  const requestBody = req.method === 'POST' ? new RequestBody(req) : undefined;
  const viewer = await authenticateRequest(req, report, deps, requestBody);
  // After the key: an unauthenticated request is 401 whatever its method, so a caller without a key learns nothing else.
  if (req.method !== 'GET' && req.method !== 'POST') {
    throw new HttpError('METHOD_NOT_ALLOWED', 'Use POST (or GET for queries and the Sandbox)', {}, { allow: 'GET, POST, OPTIONS' });
  }
  const admitted = await reportingCostOfRefusal(viewer, deps, () => admit(req, url, deps, requestBody));
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers: apolloHeaders(req), search: admitted.search, body: admitted.body },
    context: async () => deps.buildContext(viewer, report, deadline),
  });
  await writeResponse(res, response);
}

/** The Sandbox page: for a browser (a GET that ranks HTML first) asking for no operation. It needs no key. */
function isLandingPageRequest(params: URLSearchParams, accept: string | undefined): boolean {
  return !params.has('query') && !params.has('extensions') && prefersHtml(accept);
}

async function serveLandingPage(res: ServerResponse, deps: HttpDeps): Promise<void> {
  const headers = new HeaderMap([['accept', 'text/html']]);
  await writeResponse(res, await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'GET', headers, search: '', body: undefined },
    // Apollo answers a GET for HTML with the page before it builds a context; nothing runs here.
    context: () => Promise.reject(new Error('the landing page runs no operation')),
  }));
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) {
    if (name === 'vary') mergeVary(res, value);
    else res.setHeader(name, value);
  }
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** What Apollo receives of an admitted request: GET's parameters or POST's body, the persisted hash as bare hex. */
interface AdmittedRequest { search: string; body: Record<string, unknown> | undefined }

/**
 * Reads the GraphQL parameters as each transport carries them, then holds the document to the same
 * checks whichever way it came: sent in full, or by the hash of a persisted query (the stored text,
 * so a hash can never run what its text could not).
 */
async function admit(req: IncomingMessage, url: URL, deps: HttpDeps, requestBody: RequestBody | undefined): Promise<AdmittedRequest> {
  const body = requestBody ? parseJsonBody(await requestBody.read(), req.headers['content-type']) : undefined;
  if (!body) refuseHostileSearchParams(url.searchParams);
  // An empty query is none, as parseJsonBody has it for POST: a persisted hash alone then names the document.
  const query = body ? body.query as string | undefined : url.searchParams.get('query') || undefined;
  const extensions = body ? body.extensions : searchParamJson(url.searchParams, 'extensions');
  const operationName = body ? body.operationName : url.searchParams.get('operationName') ?? undefined;
  const hash = persistedQueryHash(extensions, query);
  const document = query ?? (hash === null ? undefined : deps.persistedQueries.document(hash));
  if (document !== undefined) refuseDocument(document, req.method, operationName, deps);
  const bare = hash === null ? extensions : withBareHash(extensions, hash);
  if (body) return { search: url.search, body: bare === extensions ? body : { ...body, extensions: bare } };
  // Apollo reads GET's parameters from the search itself: it must see what was checked.
  if (bare === extensions && (query !== undefined || !url.searchParams.has('query'))) return { search: url.search, body };
  const params = new URLSearchParams(url.searchParams);
  if (query === undefined) params.delete('query');
  if (bare !== extensions) params.set('extensions', JSON.stringify(bare));
  return { search: `?${params}`, body };
}

/** The document limits, then the transport's own rule: GET carries queries only (it may be cached and replayed). */
function refuseDocument(document: string, method: string | undefined, operationName: unknown, deps: HttpDeps): void {
  const verdict = documentVerdict(document, deps.documentLimits);
  const { violation } = verdict;
  if (violation) throw new HttpError(violation.code, violation.message, violation.extensions);
  const kind = method === 'GET' ? selectedOperation(verdict, operationName)?.kind : undefined;
  if (kind !== undefined && kind !== OperationTypeNode.QUERY) {
    throw new HttpError('METHOD_NOT_ALLOWED', `GET carries queries only; send this ${kind} by POST`, {}, { allow: 'POST' });
  }
}

/** The request's headers for Apollo; a client that ranks HTML first but sent an operation is answered in JSON. */
function apolloHeaders(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const accept = req.headers.accept;
  if (prefersHtml(accept)) headers.set('accept', errorMediaType(accept));
  return headers;
}

/** A JSON search parameter as Apollo will read it; malformed JSON is left for Apollo to refuse. */
function searchParamJson(params: URLSearchParams, name: string): unknown {
  const text = params.get(name);
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The one key of the request. Node keeps only the first of several Authorization headers in
 * req.headers, so they are counted in rawHeaders: a proxy that appends its own must not let either
 * win. Refusals settle a small body first, so a client that mistyped its key keeps its connection.
 */
async function authenticateRequest(req: IncomingMessage, report: RequestReport, deps: HttpDeps, body?: RequestBody): Promise<Viewer> {
  try {
    if (authorizationHeaderCount(req.rawHeaders) > 1) throw new AmbiguousCredentialsError();
    const viewer = await deps.authenticate(req.headers.authorization);
    Object.assign(report, { role: viewer.role, partnerId: viewer.partnerId, apiKeyId: viewer.apiKeyId });
    return viewer;
  } catch (error) {
    if (error instanceof AuthenticationError) {
      await body?.settleBeforeRefusal();
      throw new HttpError('UNAUTHENTICATED', error.message, {}, { 'www-authenticate': 'Bearer' });
    }
    if (error instanceof AmbiguousCredentialsError) {
      await body?.settleBeforeRefusal();
      throw new HttpError('AMBIGUOUS_CREDENTIALS', error.message);
    }
    throw error;
  }
}

function authorizationHeaderCount(rawHeaders: string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'authorization') count++;
  return count;
}

/**
 * An authenticated request refused before Apollo (a body over the limit, malformed JSON, a wrong
 * content type, a bad persisted query, a document over the limits, a mutation by GET): nothing ran
 * and nothing is charged, but the client still learns where its budget stands, as from every
 * response Apollo answers. Without a key (a 401, the Sandbox page) there is no bucket to report.
 */
async function reportingCostOfRefusal<T>(viewer: Viewer, deps: HttpDeps, checks: () => Promise<T>): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const { status } = await deps.throttle.take(String(viewer.apiKeyId), 0);
    throw new HttpError(error.code, error.message, {
      ...error.extensions, extensions: { cost: { requestedQueryCost: 0, actualQueryCost: 0, throttleStatus: status } },
    }, error.headers);
  }
}
