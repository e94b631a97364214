import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { documentVerdict } from '../../../src/server/limits/document-limits';
import { DocumentLimitError } from '../../../src/server/limits/limit-errors';
import { DEFAULT_LIMITS } from '../../../src/server/limits/limits-config';
import { requestedQueryCost } from '../../../src/server/limits/query-cost';
import { gatewayForSuite } from '../../support/role-process';
import { recordFigure } from '../support/figures';

/**
 * The 1 KB fragment bomb of issue 25 on the wall clock and in memory, which the other suites do not
 * measure (they count work): refused in under 5 ms with under 5 MB, in process and by a gateway,
 * by GET and by POST. No database server: the gateway runs on SQLite in memory.
 */
const LEVELS = 24;
const bomb = (levels: number) => `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} `
  + `fragment F${levels} on Query { __typename }`;
const BOMB = bomb(LEVELS);
const MAX_MS = 5;
const MAX_BYTES = 5 * 1024 * 1024;

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../../schema/schema.graphql'), 'utf8'));

describe('the 1 KB fragment bomb', () => {
  it('is 1 KB of 2^24 fields', () => {
    expect(BOMB.length).toBeLessThan(1024);
  });

  it('is refused by the document limits, and by the cost calculation, in under 5 ms and 5 MB', () => {
    // A fresh copy of the limits: no remembered verdict.
    const limits = { ...DEFAULT_LIMITS, document: { ...DEFAULT_LIMITS.document } };
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    const verdict = documentVerdict(BOMB, limits.document);
    const document = parse(BOMB, { noLocation: true });
    let refusedByCost: unknown;
    try {
      requestedQueryCost(schema, document, getOperationAST(document)!, {}, limits);
    } catch (error) {
      refusedByCost = error;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const grownBytes = process.memoryUsage().heapUsed - heapBefore;
    recordFigure('fragment bomb', 'in process: limits and cost, microseconds', ms * 1000);
    recordFigure('fragment bomb', 'in process: heap grown, KB', grownBytes / 1024);
    expect(verdict.violation?.code).toBe('MAX_FIELDS_EXCEEDED');
    expect(refusedByCost).toBeInstanceOf(DocumentLimitError);
    expect({ ms: ms < MAX_MS, grownBytes: grownBytes < MAX_BYTES }).toEqual({ ms: true, grownBytes: true });
  });

  describe('sent to a gateway', () => {
    const suite = gatewayForSuite({ TENOR_NOW: '2027-03-01T12:00:00Z' });

    /** The gateway's resident set: current, and its peak since the last reset (clear_refs 5). */
    const memory = () => {
      const status = fs.readFileSync(`/proc/${suite.process().child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
      return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
    };

    const headers = { 'content-type': 'application/json', authorization: 'Bearer test_partner_acme' };
    const send = (method: 'GET' | 'POST', query: string) => (method === 'GET'
      ? fetch(`${suite.url()}?${new URLSearchParams({ query })}`, { headers: { ...headers, accept: 'application/json, text/html;q=0.1' } })
      : fetch(suite.url(), { method: 'POST', headers, body: JSON.stringify({ query }) }));

    /** The gateway's own time for a request, from its log line. */
    const durationOf = async (response: Response): Promise<{ code: string; durationMs: number }> => {
      const body = await response.json() as { errors: { extensions: { code: string; requestId: string } }[] };
      const { code, requestId } = body.errors[0].extensions;
      await suite.process().waitForLogs((lines) => lines.some((line) => line.requestId === requestId), 'the request\'s log line');
      return { code, durationMs: suite.process().logs().find((line) => line.requestId === requestId)!.durationMs as number };
    };

    it.each(['GET', 'POST'] as const)('refuses it by %s in under 5 ms of the gateway\'s time and 5 MB of its memory', async (method) => {
      // Warm: smaller bombs by the same method first compile the code paths the bomb takes.
      for (let levels = 10; levels < 15; levels++) await (await send(method, bomb(levels))).text();
      fs.writeFileSync(`/proc/${suite.process().child.pid}/clear_refs`, '5');
      const before = memory();
      // Each a new text, so each is parsed and measured (no remembered verdict); the median, as the
      // machine running the suite may be busy with other work.
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await durationOf(await send(method, `${BOMB} # ${i}`)));
      const after = memory();
      expect(answers.map((answer) => answer.code)).toEqual(Array(7).fill('MAX_FIELDS_EXCEEDED'));
      const median = answers.map((answer) => answer.durationMs).sort((a, b) => a - b)[3];
      const grownBytes = Math.max(after.peak, after.rss) - before.rss;
      recordFigure('fragment bomb', `${method}: gateway's time, median of 7, microseconds`, median * 1000);
      recordFigure('fragment bomb', `${method}: gateway's RSS grown, KB`, grownBytes / 1024);
      expect(median).toBeLessThan(MAX_MS);
      expect(grownBytes).toBeLessThan(MAX_BYTES);
    });
  });
});
