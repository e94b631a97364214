import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { Database } from '../db/data-source';
import { OperationKind, operationLabel } from './metrics/operation-names';
import type { GatewayContext, RequestReport } from './request-report';

export interface GatewayTracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

const ROUTES = new Set(['/graphql', '/healthz', '/readyz']);
let contextManagerRegistered = false;

/**
 * OpenTelemetry traces, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands in an
 * exporter): off, nothing is wrapped and nothing is created per request. Spans are made here by
 * hand rather than by the http/graphql/mysql2 auto-instrumentations: those patch modules through
 * require hooks (which jest's module loader bypasses, so they could not be tested) and the mysql2
 * one records statements with their values interpolated. Attributes carry bounded names, request
 * ids and SQL text without values; never headers, variables, keys or applicant data.
 */
export async function startTracing(endpoint: string | null, exporter?: SpanExporter): Promise<GatewayTracing | null> {
  if (!endpoint && !exporter) return null;
  // Loaded only when tracing is on: off, the SDK and the exporter (and their memory) are never loaded.
  const [{ AsyncLocalStorageContextManager }, { OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider }] = await Promise.all([
    import('@opentelemetry/context-async-hooks'), import('@opentelemetry/exporter-trace-otlp-http'), import('@opentelemetry/resources'), import('@opentelemetry/sdk-trace'),
  ]);
  // Parent spans follow async work through AsyncLocalStorage: one manager per process (the API's is global).
  if (!contextManagerRegistered) contextManagerRegistered = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const processor = exporter
    ? new SimpleSpanProcessor({ exporter })
    : new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint!.replace(/\/+$/, '')}/v1/traces` }) });
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'tenor' }), spanProcessors: [processor] });
  return { tracer: provider.getTracer('tenor'), shutdown: () => provider.shutdown() };
}

/** The server span of one HTTP request; the request's work runs inside it, so SQL spans are its children. */
export function requestSpan(tracer: Tracer) {
  return (req: IncomingMessage, res: ServerResponse, report: RequestReport, work: () => Promise<void>): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const route = ROUTES.has(path) ? path : 'other';
    const span = tracer.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route, 'tenor.request_id': report.requestId },
    });
    report.traceId = span.spanContext().traceId;
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (report.outcome) span.setAttribute('tenor.outcome', report.outcome);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    return context.with(trace.setSpan(context.active(), span), work);
  };
}

/** The GraphQL operation's span, named `<kind> <operation>` with the operation as metrics label it. */
export function tracingPlugin(tracer: Tracer, known: ReadonlyMap<string, OperationKind>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const span = tracer.startSpan('graphql', { kind: SpanKind.INTERNAL });
      return {
        async didResolveOperation({ operation, operationName }) {
          const kind = operation?.operation === 'mutation' ? 'mutation' : 'query';
          const name = operationLabel(known, operationName);
          span.updateName(`${kind} ${name}`);
          span.setAttributes({ 'graphql.operation.type': kind, 'graphql.operation.name': name });
        },
        async willSendResponse({ contextValue }) {
          if (contextValue.report.outcome) span.setAttribute('tenor.outcome', contextValue.report.outcome);
          if (contextValue.report.outcome === 'internal' || contextValue.report.outcome === 'unavailable') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
  };
}

/** One client span per SQL statement: its text with literals replaced by `?`, and a driver error's code, never its message (MySQL's name values). */
export function traceQueries(db: Database, tracer: Tracer): void {
  const system = db.driver === 'mysql' ? 'mysql' : 'sqlite';
  db.observers.intercept(async (sql, run) => {
    const text = withoutLiterals(sql);
    const span = tracer.startSpan(/^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL', {
      kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.query.text': text },
    });
    try {
      return await run();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
      if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Statements are parameterized; a literal ever written into SQL text becomes `?` as well, so no value can reach a span. */
export function withoutLiterals(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/"(?:[^"\\]|\\.|"")*"/g, (quoted) => (/^"[A-Za-z_][A-Za-z0-9_]*"$/.test(quoted) ? quoted : '?'))
    .replace(/\b[xX]'[0-9a-fA-F]*'/g, '?')
    .replace(/(?<![\w$`])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g, '?');
}
