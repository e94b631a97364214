/**
 * Base of every engine error. Callers switch on the literal `code` (never on message text), and
 * `name` is the concrete class so logs say which contract was broken.
 */
export abstract class EngineError<C extends string> extends Error {
  readonly code: C;

  constructor(code: C, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Renders a bad value for an error message: strings quoted, everything else as JSON would show it. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
