import pino from 'pino';

/**
 * Structured JSON logs. Authorization headers and applicant data never reach a log line, nor do
 * the values a failed SQL statement carried (TypeORM's `parameters`, mysql2's interpolated `sql`).
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', '*.applicant', '*.email', 'err.parameters', 'err.driverError.sql', 'err.sql'],
      remove: true,
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;
