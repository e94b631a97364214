import { FuzzCase } from '../support/fuzz/documents';
import { FUZZ_GATEWAY_ENV, fuzzCases, idPools, KEY_OF, loadPublishedSchema } from '../support/fuzz/fuzz-run';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery, RawResponse } from '../support/raw-http';

let t: TestGateway;
let cases: FuzzCase[];
beforeAll(async () => {
  t = await startTestGateway('fuzz', { env: FUZZ_GATEWAY_ENV });
  cases = fuzzCases(loadPublishedSchema(), await idPools(t));
});
afterAll(() => t.close());

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

describe('schema-driven fuzz', () => {
  it('answers every hostile request without an internal error or a 5xx, and writes nothing for a refused mutation', async () => {
    const findings: string[] = [];
    let rows = await countRows();
    for (const c of cases) {
      const response = await postQuery(t.url, KEY_OF[c.role], c.query, c.variables);
      const internal = response.body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
      if (response.status >= 500 || internal) findings.push(`internal: ${describeCase(c, response)}`);
      if (!c.mutation) continue;
      const after = await countRows();
      const { refused, recordsRefusal } = refusal(response);
      if (refused && !recordsRefusal && JSON.stringify(after) !== JSON.stringify(rows)) {
        findings.push(`refused but wrote ${JSON.stringify(rows)} -> ${JSON.stringify(after)}: ${describeCase(c, response)}`);
      }
      rows = after;
    }
    // Printed so the report (and a reader of CI's log) can say how many requests a run sends.
    console.log(`fuzz: ${cases.length} requests (${cases.filter((c) => c.mutation).length} mutations), ${findings.length} findings`);
    expect(findings).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the gateway answering afterwards', async () => {
    expect((await fetch(t.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const response = await postQuery(t.url, KEYS.acme, '{ viewer { role } }');
    expect(response.body).toMatchObject({ data: { viewer: { role: 'PARTNER' } } });
  });
});
