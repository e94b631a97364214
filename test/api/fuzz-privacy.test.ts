import { FuzzCase, FuzzPlan, FuzzRole, mutationCases } from '../support/fuzz/documents';
import { FUZZ_GATEWAY_ENV, FUZZ_SEED, idPools, KEY_OF, loadPublishedSchema } from '../support/fuzz/fuzz-run';
import { SeededRandom } from '../support/fuzz/seeded-random';
import { startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

// The schema-driven fuzz's mutations that carry an applicant, with every hostile value of every
// applicant leaf (the main fuzz samples two per leaf): no response, refusal or not, may contain a
// string or a number the applicant input carried (docs/api.md "Errors and codes").

let t: TestGateway;
let cases: FuzzCase[];
beforeAll(async () => {
  t = await startTestGateway('fuzz_privacy', { env: FUZZ_GATEWAY_ENV });
  const pools = await idPools(t);
  const plan: FuzzPlan = {
    schema: loadPublishedSchema(), pools, random: new SeededRandom(FUZZ_SEED), valuesPerArgument: 1, valuesPerMutationLeaf: Number.POSITIVE_INFINITY,
  };
  const roles: FuzzRole[] = ['PARTNER', 'ADMIN', 'ANALYST'];
  cases = roles.flatMap((role) => mutationCases(plan, role)).filter((c) => applicantOf(c) !== undefined);
});
afterAll(() => t.close());

const applicantOf = (c: FuzzCase): unknown => (c.variables.input as { applicant?: unknown } | undefined)?.applicant;

/**
 * The strings and numbers an applicant input carries that a response could not contain by chance:
 * strings of four characters or more, numbers of four digits or more. Shorter ones (" ", "x", 42,
 * 720) are also in every response's own text (keys, costs, codes).
 */
function distinctive(value: unknown): string[] {
  if (typeof value === 'string') {
    const core = value.trim();
    if ([...core].length < 4) return [];
    // As the JSON body would carry it; a long one also by its beginning (a message quoting a cut value).
    const escaped = JSON.stringify(core).slice(1, -1);
    return [...new Set([escaped, escaped.slice(0, 16)])];
  }
  if (typeof value === 'number') return Math.abs(value) >= 1000 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(distinctive);
  // Keys are the schema's field names, which paths rightly repeat.
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(distinctive);
  return [];
}

describe('fuzz: applicant data in responses', () => {
  it('repeats no submitted applicant string or number in any response', async () => {
    const findings: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const sent = distinctive(applicantOf(c));
      checked += sent.length;
      const response = await postQuery(t.url, KEY_OF[c.role], c.query, c.variables);
      const repeated = sent.filter((s) => response.text.includes(s));
      if (repeated.length) findings.push(`${c.role} ${c.label} repeated ${JSON.stringify(repeated).slice(0, 120)}: ${response.text.slice(0, 300)}`);
    }
    // Printed so the report can say how many requests and values the run checks.
    console.log(`fuzz-privacy: ${cases.length} requests with an applicant, ${checked} distinctive values searched for, ${findings.length} findings`);
    expect(findings).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(50);
  }, 120_000);
});
