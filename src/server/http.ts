import http, { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { AuthenticationError } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import type { RequestDeadline } from '../db/deadline';
import { classifyFault } from '../db/faults';
import { UnauthenticatedError } from '../../resolvers/common/errors';
import { CorsPolicy, mergeVary } from './http/cors';
import { parseJsonBody } from './http/graphql-body';
import { normalizeError, withRequestId } from './errors/normalize-error';
import { HttpError, sendError, sendJson } from './http/http-error';
import { refuseHostileSearchParams } from './http/json-guard';
import { refuseBadPersistedQuery } from './http/persisted-query';
import { RequestBody } from './http/request-body';
import { withRequestDeadline } from './deadline';
import { faultExtensions, faultHeaders } from './fault-response';
import type { FaultConfig } from './fault-config';
import { checkQueryText } from './limits/document-limits';
import type { DocumentLimits } from './limits/limits-config';
import type { Throttle } from './limits/throttle';
import type { Logger } from './logger';
import type { GatewayContext, RequestReport } from './request-report';

export interface HttpDeps {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  documentLimits: DocumentLimits;
  throttle: Throttle;
  /** Browser origins allowed by CORS (config CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** Resolves the Authorization header to a viewer; throws AuthenticationError for a bad key. */
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
  const cors = new CorsPolicy(deps.corsOrigins);
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
  cors.decorate(req, res);
  if (req.method === 'OPTIONS') return cors.answerPreflight(req, res);
  if (req.method !== 'GET' && req.method !== 'POST') {
    throw new HttpError('METHOD_NOT_ALLOWED', 'Use POST (or GET for queries and the Sandbox)', {}, { allow: 'GET, POST, OPTIONS' });
  }

  // The Sandbox page is HTML for browsers and needs no key. Everything else is authenticated from
  // its headers before more than 8 KB of the body is read and before anything is parsed: a caller
  // without a valid key costs a key lookup and at most 8 KB, whatever it sends. A body that small is
  // read during the lookup, so a mutation whose client goes away meanwhile still runs.
  const wantsLandingPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  const requestBody = req.method === 'POST' ? new RequestBody(req) : undefined;
  const viewer = wantsLandingPage ? null : await authenticateRequest(req, report, deps, requestBody);
  const body = await reportingCostOfRefusal(viewer, deps, async () => {
    const parsed = requestBody ? parseJsonBody(await requestBody.read(), req.headers['content-type']) : undefined;
    if (!parsed) refuseHostileSearchParams(url.searchParams);
    const query = parsed ? parsed.query : url.searchParams.get('query') ?? undefined;
    refuseBadPersistedQuery(parsed ? parsed.extensions : searchParamJson(url.searchParams, 'extensions'), query);
    if (viewer) refuseOversizedDocument(query, deps);
    return parsed;
  });

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
    context: async () => deps.buildContext(viewer ?? await authenticateForApollo(req, report, deps), report, deadline),
  });
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

async function authenticateRequest(req: IncomingMessage, report: RequestReport, deps: HttpDeps, body?: RequestBody): Promise<Viewer> {
  try {
    const viewer = await deps.authenticate(req.headers.authorization);
    Object.assign(report, { role: viewer.role, partnerId: viewer.partnerId, apiKeyId: viewer.apiKeyId });
    return viewer;
  } catch (error) {
    if (error instanceof AuthenticationError) {
      // A small body is let end, so a client that mistyped its key keeps its connection.
      await body?.settleBeforeRefusal();
      throw new HttpError('UNAUTHENTICATED', error.message, {}, { 'www-authenticate': 'Bearer' });
    }
    throw error;
  }
}

/** A GET that asked for HTML but reached Apollo anyway (no landing page in production). */
async function authenticateForApollo(req: IncomingMessage, report: RequestReport, deps: HttpDeps): Promise<Viewer> {
  try {
    return await authenticateRequest(req, report, deps);
  } catch (error) {
    // Anything else reaches the error normalizer, which masks and logs it.
    if (error instanceof HttpError) throw new UnauthenticatedError(error.message);
    throw error;
  }
}

function refuseOversizedDocument(query: unknown, deps: HttpDeps): void {
  if (typeof query !== 'string') return;
  const violation = checkQueryText(query, deps.documentLimits);
  if (violation) throw new HttpError(violation.code, violation.message, violation.extensions);
}

/**
 * An authenticated request refused before Apollo (a body over the limit, malformed JSON, a wrong
 * content type, a bad persisted query, a document over the limits): nothing ran and nothing is
 * charged, but the client still learns where its budget stands, as from every response Apollo
 * answers. Without a key (a 401, the Sandbox page) there is no bucket to report.
 */
async function reportingCostOfRefusal<T>(viewer: Viewer | null, deps: HttpDeps, checks: () => Promise<T>): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    if (!viewer || !(error instanceof HttpError)) throw error;
    const { status } = await deps.throttle.take(String(viewer.apiKeyId), 0);
    throw new HttpError(error.code, error.message, {
      ...error.extensions, extensions: { cost: { requestedQueryCost: 0, actualQueryCost: 0, throttleStatus: status } },
    }, error.headers);
  }
}
