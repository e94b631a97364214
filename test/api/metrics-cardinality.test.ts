import { CreatePartnerDocument, IssueApiKeyDocument } from '../../schema/generated/graphql';
import { loadKnownOperations } from '../../src/server/metrics/operation-names';
import { REQUEST_OUTCOMES } from '../../src/server/metrics/request-outcome';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';
import { scrape } from '../support/prometheus-text';

const PARTNERS = 20;
const REQUESTS = 1000;
const PARALLEL = 25;

let t: TestGateway;
const partnerKeys: string[] = [];

beforeAll(async () => {
  t = await startTestGateway('metrics_cardinality');
  const admin = t.client(KEYS.admin);
  for (let i = 0; i < PARTNERS; i++) {
    const { createPartner } = await admin.request(CreatePartnerDocument, { input: { name: `Cardinality ${i}`, idempotencyKey: `card-p-${i}` } });
    const { issueApiKey } = await admin.request(IssueApiKeyDocument, { input: {
      name: `card ${i}`, role: 'PARTNER', partnerId: createPartner.partner!.id, idempotencyKey: `card-k-${i}`,
    } });
    partnerKeys.push(issueApiKey.plainKey!);
  }
}, 60_000);
afterAll(() => t.close());

/** A deterministic random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('metrics cardinality', () => {
  it(`keeps tenor_graphql_requests_total within its bound over ${REQUESTS} requests with random operation names and partners`, async () => {
    const known = [...loadKnownOperations().entries()].filter(([, kind]) => kind === 'query').map(([name]) => name);
    const next = random(13);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
    const requests = Array.from({ length: REQUESTS }, (_, i) => ({
      // Half known names, half names no client sends (each one new).
      name: i % 2 === 0 ? pick(known) : `Random${i}_${Math.floor(next() * 1e9)}`,
      key: pick(partnerKeys),
    }));
    for (let i = 0; i < requests.length; i += PARALLEL) {
      const answers = await Promise.all(requests.slice(i, i + PARALLEL).map(({ name, key }) => postQuery(t.url, key, `query ${name} { viewer { role } }`)));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    }

    // The admin's set-up requests are the only other series; these are the partners' requests.
    const series = (await scrape(t.gateway.metricsUrl))
      .filter((s) => s.name === 'tenor_graphql_requests_total' && s.labels.role === 'PARTNER');
    expect([...new Set(series.map((s) => s.labels.operation))].filter((o) => o !== 'other' && !known.includes(o))).toEqual([]);
    expect(new Set(series.map((s) => s.labels.partner)).size).toBeLessThanOrEqual(PARTNERS);
    expect(series.filter((s) => !(REQUEST_OUTCOMES as readonly string[]).includes(s.labels.outcome))).toEqual([]);
    // Bound: (known queries + other) x the partners, every request being an ok query.
    const bound = (known.length + 1) * PARTNERS;
    expect(series.length).toBeLessThanOrEqual(bound);
    // The 500 distinct invented names alone would have made 500 series without the bound.
    expect(series.length).toBeLessThan(REQUESTS / 2);
    console.log(`metrics cardinality: ${series.length} series of tenor_graphql_requests_total after ${REQUESTS} requests (bound ${bound})`);
  }, 120_000);
});
