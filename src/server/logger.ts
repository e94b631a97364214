import pino from 'pino';
import { trace } from '@opentelemetry/api';

/** Lines written inside a traced request carry its trace id (nothing when tracing is off). */
function traceOfActiveSpan(): { traceId?: string } {
  const span = trace.getActiveSpan();
  return span ? { traceId: span.spanContext().traceId } : {};
}

/**
 * Structured JSON logs. Authorization headers and applicant data never reach a log line, nor do
 * the values a failed SQL statement carried (TypeORM's `parameters`, mysql2's interpolated `sql`).
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    mixin: traceOfActiveSpan,
    redact: {
      paths: ['req.headers.authorization', '*.applicant', '*.email', 'err.parameters', 'err.driverError.sql', 'err.sql'],
      remove: true,
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;
