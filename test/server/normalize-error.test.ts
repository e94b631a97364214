import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '../../src/errors/error-codes';
import { httpHeadFor } from '../../src/server/errors/error-plugin';
import { normalizeError } from '../../src/server/errors/normalize-error';
import { MutationRefused } from '../../src/services/lifecycle/user-error';

/** What graphql-js makes of something a resolver threw: a located error with a path around it. */
const thrownByResolver = (original: unknown) => new GraphQLError(original instanceof Error ? original.message : String(original), {
  path: ['plan', 'payoffQuote'], originalError: original instanceof Error ? original : undefined,
});

describe(normalizeError.name, () => {
  it('keeps a coded client error as thrown, without its transport hints', () => {
    const thrown = new GraphQLError('first must be between 1 and 100, got 0', { extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', http: { status: 400 } } });
    const { code, formatted, unexpected } = normalizeError(thrown);
    expect({ code, unexpected }).toEqual({ code: 'BAD_USER_INPUT', unexpected: undefined });
    expect(formatted).toEqual({ message: 'first must be between 1 and 100, got 0', extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
  });

  it('masks a driver error thrown in a resolver and returns the original for the log', () => {
    const driverError = Object.assign(new Error('SQLITE_ERROR: no such table: merchants'), { code: 'SQLITE_ERROR' });
    const { code, formatted, unexpected } = normalizeError(thrownByResolver(driverError));
    expect(code).toBe('INTERNAL_SERVER_ERROR');
    expect(unexpected).toBe(driverError);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['plan', 'payoffQuote'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks a GraphQLError whose code is not in the table', () => {
    expect(normalizeError(new GraphQLError('x', { extensions: { code: 'SOMETHING_ELSE' } })).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks a GraphQLError without a code (a scalar refusing to serialize, a null in a non-null field)', () => {
    expect(normalizeError(thrownByResolver(new GraphQLError('Decimal values are produced as strings'))).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks a client code wrapped around a non-GraphQL error raised in a resolver', () => {
    const wrapped = new GraphQLError('boom', { path: ['x'], originalError: Object.assign(new TypeError('boom'), { extensions: { code: 'BAD_USER_INPUT' } }) });
    expect(normalizeError(wrapped).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks things that are not errors at all', () => {
    expect(normalizeError('a string').code).toBe('INTERNAL_SERVER_ERROR');
    expect(normalizeError(42).formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns a refused mutation that escaped its payload into BAD_USER_INPUT naming the field', () => {
    const refused = new MutationRefused([{ code: 'OUT_OF_RANGE', message: 'amount must be positive', field: ['amount'] }]);
    const { code, formatted } = normalizeError(thrownByResolver(refused));
    expect(code).toBe('BAD_USER_INPUT');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['amount'] });
  });

  it('never passes class-validator\'s report on, which repeats every submitted value', () => {
    const thrown = new GraphQLError('Argument Validation Error', { extensions: { code: 'BAD_USER_INPUT', validationErrors: [{ target: { email: 'a@b.c' } }] } });
    expect(JSON.stringify(normalizeError(thrown).formatted)).not.toContain('a@b.c');
  });

  it('marks retryable codes with extensions.retryable', () => {
    const thrown = new GraphQLError('The database is busy', { extensions: { code: 'DATABASE_BUSY' } });
    expect(normalizeError(thrown).formatted.extensions).toEqual({ code: 'DATABASE_BUSY', retryable: true });
  });
});

/** Formatted errors with these codes. */
const coded = (...codes: string[]) => codes.map((code) => ({ message: code, extensions: { code } }));

describe(httpHeadFor.name, () => {
  it('gives a refused request the status of its code', () => {
    expect(httpHeadFor(coded('MAX_COST_EXCEEDED'), false)).toEqual({ status: 400, retryAfterSeconds: undefined });
  });

  it('leaves a response with data at 200 for request-scoped codes', () => {
    expect(httpHeadFor(coded('BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR'), true).status).toBeUndefined();
  });

  it('applies response-scoped codes beside data too, the highest status winning', () => {
    expect(httpHeadFor(coded('FORBIDDEN', 'BAD_USER_INPUT'), true).status).toBe(403);
    expect(httpHeadFor(coded('FORBIDDEN', 'PLAN_BUSY'), true)).toEqual({ status: 503, retryAfterSeconds: 1 });
  });

  it('gives every 503 a Retry-After and marks it retryable', () => {
    for (const rule of Object.values(ERROR_CODES).filter((r) => r.status === 503)) {
      expect(rule).toMatchObject({ retryable: true, retryAfterSeconds: expect.any(Number) });
    }
  });
});
