import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Gateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { startTracing, withoutLiterals } from '../../src/server/tracing';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { postQuery } from '../support/raw-http';

const exporter = new InMemorySpanExporter();
const lines: string[] = [];
let gateway: Gateway;
const APPLICANT = { firstName: 'Philippa', lastName: 'Oyelaran-Tracewell', email: 'philippa.trace@secret.example', phone: '+15550187001' };

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const traceOf = (response: { headers: Headers }) => {
  const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request' && l.requestId === response.headers.get('x-request-id'));
  return line!.traceId as string;
};

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });
  ({ gateway } = await startConfiguredGateway('tracing', {}, { logger, traceExporter: exporter }));
});
afterAll(() => gateway.close());

describe(startTracing.name, () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    expect(await startTracing(null)).toBeNull();
  });

  it('traces a request as its HTTP span, the operation named as in metrics, and its SQL, and logs the trace id', async () => {
    const response = await postQuery(gateway.url, KEYS.acme, 'query Merchants { merchants(first: 2) { nodes { id name } } }');
    const traceId = traceOf(response);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = spansOf(traceId);
    const names = spans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['POST /graphql', 'query Merchants', 'SELECT']));
    const server = spans.find((s) => s.name === 'POST /graphql')!;
    expect(server.attributes).toMatchObject({ 'http.response.status_code': 200, 'tenor.outcome': 'ok' });
    // SQL runs inside the request's span.
    expect(spans.filter((s) => s.name === 'SELECT').every((s) => s.parentSpanContext?.spanId === server.spanContext().spanId)).toBe(true);
  });

  it('names an operation no client is known to send `other`', async () => {
    const response = await postQuery(gateway.url, KEYS.acme, 'query MadeUpName { viewer { role } }');
    expect(spansOf(traceOf(response)).map((s) => s.name)).toContain('query other');
  });

  it('puts no key, applicant data or statement value in any span attribute', async () => {
    const merchants = await postQuery(gateway.url, KEYS.acme, 'query Merchants { merchants(first: 10) { nodes { id currency } } }');
    const merchantId = (merchants.body.data!.merchants as { nodes: { id: string; currency: string }[] }).nodes.find((m) => m.currency === 'USD')!.id;
    const response = await postQuery(gateway.url, KEYS.acme, `
      mutation CreateApplication($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } userErrors { code } } }`,
    { input: { merchantId, amount: { amount: '321.00', currency: 'USD' }, idempotencyKey: 'trace-1', applicant: { ...APPLICANT, creditScore: 777 } } });
    expect(response.body.data).toMatchObject({ createApplication: { userErrors: [] } });
    const spans = spansOf(traceOf(response));
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['mutation CreateApplication', 'INSERT']));
    // Request ids are random hex, which may contain any short run of digits; everything else is checked.
    const attributes = JSON.stringify(exporter.getFinishedSpans().map((s: ReadableSpan) => {
      const { 'tenor.request_id': _requestId, ...rest } = s.attributes;
      return [s.name, rest];
    }));
    for (const secret of [...Object.values(KEYS), ...Object.values(APPLICANT), '321', '32100', '777', 'trace-1']) expect(attributes).not.toContain(secret);
  });
});

describe(withoutLiterals.name, () => {
  it('replaces quoted strings and numbers, and keeps identifiers', () => {
    expect(withoutLiterals(`SELECT "p"."id", t1.x FROM plans WHERE email = 'a''b@x.com' AND amount > 12.5 AND id IN (?, 7)`))
      .toBe('SELECT "p"."id", t1.x FROM plans WHERE email = ? AND amount > ? AND id IN (?, ?)');
  });
});
