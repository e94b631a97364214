import http from 'node:http';
import { FuzzCase } from '../support/fuzz/documents';
import {
  FUZZ_GATEWAY_ENV, fragmentHeavyReads, fuzzCases, idPools, loadPublishedSchema, readOutcome, sendCase, Transport,
} from '../support/fuzz/fuzz-run';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { graphqlGetUrl, postQuery, RawResponse } from '../support/raw-http';

let t: TestGateway;
let cases: FuzzCase[];
beforeAll(async () => {
  // FUZZ_LOG_LEVEL=error shows the server's log of each finding.
  t = await startTestGateway('fuzz', { env: { ...FUZZ_GATEWAY_ENV, LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent' } });
  const [schema, pools] = [loadPublishedSchema(), await idPools(t)];
  cases = [...fuzzCases(schema, pools), ...fragmentHeavyReads(schema, pools)];
});
afterAll(() => t.close());

/** Concurrent reads: enough to overlap database round trips, few enough not to starve the 2-core CI machine. */
const READS_IN_FLIGHT = 4;

const MONEY_TABLES = ['plans', 'installments', 'repayments', 'refunds', 'repayment_allocations', 'applications'];
const countRows = async (): Promise<Record<string, number>> => {
  const [row] = await t.gateway.db.dataSource.query(`SELECT ${MONEY_TABLES.map((table) => `(SELECT COUNT(*) FROM ${table}) AS ${table}`).join(', ')}`);
  return Object.fromEntries(MONEY_TABLES.map((table) => [table, Number(row[table])]));
};

/** A declined application is recorded (lenders keep adverse decisions), so that refusal writes one row by design. */
const RECORDS_ITS_REFUSAL = 'APPLICATION_DECLINED';

function refusal(response: RawResponse): { refused: boolean; recordsRefusal: boolean } {
  if (response.body.errors?.length) return { refused: true, recordsRefusal: false };
  const payload = Object.values(response.body.data ?? {})[0] as { userErrors?: { code: string }[] } | null;
  const codes = payload?.userErrors?.map((e) => e.code) ?? [];
  return { refused: codes.length > 0, recordsRefusal: codes.includes(RECORDS_ITS_REFUSAL) };
}

const describeCase = (c: FuzzCase, response: RawResponse) =>
  `${c.role} ${c.label} -> ${response.status} ${JSON.stringify(response.body.errors?.[0] ?? null).slice(0, 200)} variables=${JSON.stringify(c.variables).slice(0, 200)}`;

/**
 * A GET whose request line and headers pass node's limit (16 KB by default) is answered 431 by node
 * before the gateway sees it: large variables go by POST. The headroom is for the other headers.
 */
const tooLongForGet = (c: FuzzCase) => graphqlGetUrl(t.url, c.query, { variables: c.variables }).length > http.maxHeaderSize - 512;

/** Every case goes by GET as well as POST; `counts` says how many requests each carried and how many GETs were 431. */
function transportCounts() {
  const counts = { POST: 0, GET: 0, getTooLong: 0 };
  return {
    counts,
    send: (c: FuzzCase, transport: Transport) => {
      counts[transport]++;
      return sendCase(t.url, c, transport);
    },
    /** A GET node refused for its length never reached the gateway: nothing to compare but that it was too long. */
    refusedForLength: (c: FuzzCase, byGet: RawResponse) => {
      if (byGet.status !== 431) return false;
      counts.getTooLong++;
      return tooLongForGet(c);
    },
  };
}

describe('schema-driven fuzz', () => {
  it('answers every hostile request without an internal error or a 5xx, by GET as by POST, and writes nothing for a refused mutation or any mutation by GET', async () => {
    const findings: string[] = [];
    const outcomes: Record<string, number> = {};
    const check = (c: FuzzCase, response: RawResponse) => {
      const payload = Object.values(response.body.data ?? {})[0] as { userErrors?: { code: string }[] } | null | undefined;
      const outcome = String(response.body.errors?.[0]?.extensions?.code ?? payload?.userErrors?.[0]?.code ?? 'ok');
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const internal = response.body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
      if (response.status >= 500 || internal) findings.push(`internal: ${describeCase(c, response)}`);
    };
    const { counts, send, refusedForLength } = transportCounts();
    const started = Date.now();
    // Reads change nothing, so they go a few at a time (findings are kept in case order all the same),
    // each by POST and by GET, which must reach the same outcome: one request path for both.
    const reads = cases.filter((c) => !c.mutation);
    const compareRead = (c: FuzzCase, byPost: RawResponse, byGet: RawResponse) => {
      check(c, byPost);
      if (refusedForLength(c, byGet)) return;
      if (JSON.stringify(readOutcome(byGet)) !== JSON.stringify(readOutcome(byPost))) {
        findings.push(`GET differs from POST: ${describeCase(c, byGet)} vs ${JSON.stringify(readOutcome(byPost)).slice(0, 200)}`);
      }
    };
    for (let i = 0; i < reads.length; i += READS_IN_FLIGHT) {
      const batch = reads.slice(i, i + READS_IN_FLIGHT);
      const answers = await Promise.all(batch.map((c) => Promise.all([send(c, 'POST'), send(c, 'GET')])));
      answers.forEach(([byPost, byGet], j) => compareRead(batch[j], byPost, byGet));
    }
    const readsMs = Date.now() - started;
    // Mutations one at a time: each is judged by the row counts just before and after it. By GET each
    // is refused with 405 (Allow: POST) and writes nothing; then it goes by POST.
    let rows = await countRows();
    for (const c of cases.filter((each) => each.mutation)) {
      const byGet = await send(c, 'GET');
      if (!refusedForLength(c, byGet) && (byGet.status !== 405 || byGet.headers.get('allow') !== 'POST')) {
        findings.push(`mutation by GET not refused with 405: ${describeCase(c, byGet)}`);
      }
      const afterGet = await countRows();
      if (JSON.stringify(afterGet) !== JSON.stringify(rows)) findings.push(`mutation by GET wrote ${JSON.stringify(rows)} -> ${JSON.stringify(afterGet)}: ${describeCase(c, byGet)}`);
      const response = await send(c, 'POST');
      check(c, response);
      const after = await countRows();
      const { refused, recordsRefusal } = refusal(response);
      if (refused && !recordsRefusal && JSON.stringify(after) !== JSON.stringify(rows)) {
        findings.push(`refused but wrote ${JSON.stringify(rows)} -> ${JSON.stringify(after)}: ${describeCase(c, response)}`);
      }
      rows = after;
    }
    // Printed so the report (and a reader of CI's log) can say how many requests a run sends.
    console.log(`fuzz: ${cases.length} cases (${reads.length} reads, ${cases.length - reads.length} mutations), ${counts.POST} requests by POST and ${counts.GET} by GET `
      + `(${counts.getTooLong} of them 431, too long for a URL) in ${Date.now() - started} ms (reads ${readsMs} ms), ${findings.length} findings; outcomes by POST ${JSON.stringify(outcomes)}`);
    expect(findings).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
  }, 120_000);

  it('keeps the gateway answering afterwards', async () => {
    expect((await fetch(t.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const response = await postQuery(t.url, KEYS.acme, '{ viewer { role } }');
    expect(response.body).toMatchObject({ data: { viewer: { role: 'PARTNER' } } });
  });
});

describe('what the fuzz found', () => {
  const capturedPlan = async () => {
    const response = await postQuery(t.url, KEYS.acme, '{ plans(first: 20, status: ACTIVE) { nodes { id capturedOn } } }');
    return (response.body.data!.plans as { nodes: { id: string; capturedOn: string }[] }).nodes[0];
  };

  it('refuses a payoff quote for a day before capture as BAD_USER_INPUT naming asOf', async () => {
    const plan = await capturedPlan();
    const response = await postQuery(t.url, KEYS.acme, 'query($id: ID!) { plan(id: $id) { payoffQuote(asOf: "1978-01-10") { amount } } }', { id: plan.id });
    expect(response.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'asOf' });
    expect(response.body.errors![0].message).toContain(plan.capturedOn);
  });

  it('quotes the capture day itself', async () => {
    const plan = await capturedPlan();
    const response = await postQuery(t.url, KEYS.acme, 'query($id: ID!, $asOf: Date) { plan(id: $id) { payoffQuote(asOf: $asOf) { amount } } }', { id: plan.id, asOf: plan.capturedOn });
    expect(response.body.errors).toBeUndefined();
  });

  it('treats a status filter sent as null as no filter, in the page and in totalCount', async () => {
    const query = 'query($status: PlanStatus) { plans(first: 100, status: $status) { totalCount nodes { id } } }';
    const unfiltered = await postQuery(t.url, KEYS.analyst, query, {});
    const withNull = await postQuery(t.url, KEYS.analyst, query, { status: null });
    expect(withNull.body).toEqual(unfiltered.body);
    expect((withNull.body.data!.plans as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });
});
