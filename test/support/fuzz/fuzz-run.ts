import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLSchema } from 'graphql';
import { KEYS, TestGateway } from '../gateway';
import { getQuery, postQuery, RawResponse } from '../raw-http';
import { FuzzCase, FuzzPlan, FuzzRole, fragmentHeavyCases, mutationCases, nodeFieldCases, rootQueryCases } from './documents';
import { IdPool } from './hostile-values';
import { SeededRandom } from './seeded-random';
import { IdsByType, seedIds } from './seed-ids';

export const FUZZ_SEED = 20270301;

export const KEY_OF: Record<FuzzRole, string> = { PARTNER: KEYS.acme, ANALYST: KEYS.analyst, ADMIN: KEYS.admin };

/** The gateway's limits opened wide: the fuzz probes arguments, not the cost budget (limits.test.ts does). */
export const FUZZ_GATEWAY_ENV = { MAX_QUERY_COST: '1000000', THROTTLE_BUCKET_POINTS: '100000000', THROTTLE_RESTORE_PER_SECOND: '100000000' };

export const loadPublishedSchema = (): GraphQLSchema =>
  buildSchema(fs.readFileSync(path.join(__dirname, '../../../schema/schema.graphql'), 'utf8'));

/** Issues one PARTNER key for Acme (as ADMIN) so that ApiKey ids are among the seed's ids. */
async function apiKeyIds(t: TestGateway, partnerId: string): Promise<string[]> {
  const response = await postQuery(t.url, KEYS.admin, 'mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } } }',
    { input: { name: 'fuzz', role: 'PARTNER', partnerId, idempotencyKey: 'fuzz-setup-key' } });
  const id = (response.body.data?.issueApiKey as { apiKey: { id: string } | null } | undefined)?.apiKey?.id;
  if (!id) throw new Error(`could not issue the fuzz's API key: ${response.text.slice(0, 300)}`);
  return [id];
}

/** The id pools of each role: a partner owns Acme's ids and must not reach Globex's; analysts and admins see all. */
export async function idPools(t: TestGateway): Promise<Record<FuzzRole, IdPool>> {
  const acme = await seedIds(t.url, KEYS.acme);
  const globex = await seedIds(t.url, KEYS.globex);
  const all = await seedIds(t.url, KEYS.admin);
  const keys = await apiKeyIds(t, acme.Partner[0]);
  const everything: IdsByType = { ...all, Partner: [...acme.Partner, ...globex.Partner], ApiKey: keys };
  return {
    PARTNER: { own: { ...acme, ApiKey: keys }, foreign: globex },
    ANALYST: { own: everything, foreign: {} },
    ADMIN: { own: everything, foreign: {} },
  };
}

const ADMIN_VALUES_PER_ARGUMENT = 5;

/** The whole run, in a fixed order: queries for every role first, then mutations (which change the data queries would see). */
export function fuzzCases(schema: GraphQLSchema, pools: Record<FuzzRole, IdPool>, seed = FUZZ_SEED): FuzzCase[] {
  const plan: FuzzPlan = { schema, pools, random: new SeededRandom(seed), valuesPerArgument: Number.POSITIVE_INFINITY, valuesPerMutationLeaf: 2 };
  // Every hostile value for partners (scoping, foreign ids) and analysts (masking); admins read what
  // analysts read, so they get a sample of each argument's values.
  const adminReads: FuzzPlan = { ...plan, valuesPerArgument: ADMIN_VALUES_PER_ARGUMENT };
  const reads = [
    ...rootQueryCases(plan, 'PARTNER'), ...nodeFieldCases(plan, 'PARTNER'),
    ...rootQueryCases(plan, 'ANALYST'), ...nodeFieldCases(plan, 'ANALYST'),
    ...rootQueryCases(adminReads, 'ADMIN'), ...nodeFieldCases(adminReads, 'ADMIN'),
  ];
  // Analysts are refused every mutation; one value per leaf shows that nothing gets past the refusal.
  const writes = [...mutationCases(plan, 'PARTNER'), ...mutationCases(plan, 'ADMIN'), ...mutationCases(plan, 'ANALYST', 1)];
  return [...reads, ...writes];
}

/**
 * Fragment-heavy reads (documents.ts) for a partner and an analyst. Apart from fuzzCases: many are
 * only safe behind the gateway's document limits, so they are for the gateway, never a bare executor.
 */
export function fragmentHeavyReads(schema: GraphQLSchema, pools: Record<FuzzRole, IdPool>, seed = FUZZ_SEED): FuzzCase[] {
  const plan: FuzzPlan = { schema, pools, random: new SeededRandom(seed), valuesPerArgument: 0, valuesPerMutationLeaf: 0 };
  return [...fragmentHeavyCases(plan, 'PARTNER'), ...fragmentHeavyCases(plan, 'ANALYST')];
}

export type Transport = 'POST' | 'GET';

/** The Accept of the adversary's GETs (issue 25): JSON first, HTML too, which once skipped every document limit. */
const GET_ACCEPT = 'application/json, text/html;q=0.1';

/** One case as a client sends it: by POST (a JSON body) or by GET (URL parameters). */
export function sendCase(url: string, c: FuzzCase, transport: Transport): Promise<RawResponse> {
  const key = KEY_OF[c.role];
  return transport === 'POST' ? postQuery(url, key, c.query, c.variables)
    : getQuery(url, key, c.query, { variables: c.variables, headers: { accept: GET_ACCEPT } });
}

/** What must not depend on the transport that carried a read: the status, the codes and the data (not the bucket, which moves). */
export const readOutcome = (response: RawResponse) => ({
  status: response.status, codes: response.body.errors?.map((e) => e.extensions?.code) ?? [], data: response.body.data,
});
