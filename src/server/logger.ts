import pino from 'pino';

/** Structured JSON logs. Authorization headers and applicant data never reach a log line. */
export function createLogger(level: string) {
  return pino({ level, redact: { paths: ['req.headers.authorization', '*.applicant', '*.email'], remove: true } });
}

export type Logger = ReturnType<typeof createLogger>;
