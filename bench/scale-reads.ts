// The reads of the scale bench: committed operations of schema/operations (NestedRead, MerchantPlans,
// Plans, Node, Plan) at the first page, a deep page by cursor (forward and backward) and the last
// page, with and without totalCount and status filters, each timed one request at a time against
// the small and the big portfolio's gateways in turn.
import { encodeCursor } from '../resolvers/common/connection';
import { standaloneOperations } from '../scripts/print-operation';
import { HEADERS, globalId } from './operations';
import { BIG_MERCHANT_ID } from './portfolio';

const OPERATIONS = standaloneOperations();

/** Rewrites a committed operation; each piece must be found, so a changed operation stops the bench instead of timing something else. */
function rewritten(name: string, replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`bench/scale-reads: "${from}" not found in the ${name} operation`);
    return text.replace(from, to);
  }, OPERATIONS[name]);
}

/** NestedRead whose plans connection also takes after/last/status, and selects totalCount when asked. */
const nestedReadPage = (withCount: boolean) => rewritten('NestedRead', [
  ['query NestedRead($id: ID!, $first: Int!)', 'query NestedReadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $status: PlanStatus)'],
  ['plans(first: $first) {', `plans(first: $first, after: $after, last: $last, before: $before, status: $status) {${withCount ? ' totalCount totalCountIsExact' : ''}`],
]);
const NESTED_PAGE = nestedReadPage(false);
const NESTED_PAGE_COUNTED = nestedReadPage(true);
const MERCHANT_PLANS_UNCOUNTED = rewritten('MerchantPlans', [['      totalCount\n', '']]);

/** What a read depends on in a portfolio: the big merchant's plan ids are 1..plans. */
export interface ReadTarget { bigMerchantPlans: number }

export interface ScaleRead {
  name: string;
  body: (target: ReadTarget) => string;
  /** A piece of JSON every good answer contains. */
  expect: string;
}

const PAGE = 100;
const merchant = globalId('Merchant', BIG_MERCHANT_ID);
/** The cursor of the big merchant's middle plan: a deep page, half a portfolio away from either end. */
const middle = (t: ReadTarget) => encodeCursor(Math.floor(t.bigMerchantPlans / 2));
const request = (query: string, operationName: string, variables: Record<string, unknown>) => JSON.stringify({ query, operationName, variables });
const nested = (query: string, variables: Record<string, unknown>) => request(query, 'NestedReadPage', { id: merchant, ...variables });
const merchantPlans = (variables: Record<string, unknown>, query = OPERATIONS.MerchantPlans) => request(query, 'MerchantPlans', { id: merchant, ...variables });
const PLANS_PAGE = '"plans":{';
const COUNTED = '"totalCount":';

export const SCALE_READS: ScaleRead[] = [
  { name: 'NestedRead first page', body: () => request(OPERATIONS.NestedRead, 'NestedRead', { id: merchant, first: PAGE }), expect: '"plans":{"nodes":[{' },
  { name: 'NestedRead first page + totalCount', body: () => nested(NESTED_PAGE_COUNTED, { first: PAGE }), expect: COUNTED },
  { name: 'NestedRead deep page (after the middle cursor)', body: (t) => nested(NESTED_PAGE, { first: PAGE, after: middle(t) }), expect: PLANS_PAGE },
  { name: 'NestedRead deep page + totalCount', body: (t) => nested(NESTED_PAGE_COUNTED, { first: PAGE, after: middle(t) }), expect: COUNTED },
  { name: 'NestedRead deep page backward (before the middle cursor)', body: (t) => nested(NESTED_PAGE, { last: PAGE, before: middle(t) }), expect: PLANS_PAGE },
  { name: 'NestedRead last page', body: () => nested(NESTED_PAGE, { last: PAGE }), expect: PLANS_PAGE },
  { name: 'NestedRead last page + totalCount', body: () => nested(NESTED_PAGE_COUNTED, { last: PAGE }), expect: COUNTED },
  { name: 'NestedRead status ACTIVE + totalCount', body: () => nested(NESTED_PAGE_COUNTED, { first: PAGE, status: 'ACTIVE' }), expect: COUNTED },
  { name: 'NestedRead status DELINQUENT + totalCount', body: () => nested(NESTED_PAGE_COUNTED, { first: PAGE, status: 'DELINQUENT' }), expect: COUNTED },
  { name: 'MerchantPlans first page, no totalCount', body: () => merchantPlans({ first: PAGE }, MERCHANT_PLANS_UNCOUNTED), expect: PLANS_PAGE },
  { name: 'MerchantPlans first page', body: () => merchantPlans({ first: PAGE }), expect: COUNTED },
  { name: 'MerchantPlans deep page (after the middle cursor)', body: (t) => merchantPlans({ first: PAGE, after: middle(t) }), expect: COUNTED },
  { name: 'MerchantPlans deep page backward (before the middle cursor)', body: (t) => merchantPlans({ last: PAGE, before: middle(t) }), expect: COUNTED },
  { name: 'MerchantPlans last page', body: () => merchantPlans({ last: PAGE }), expect: COUNTED },
  { name: 'MerchantPlans status ACTIVE', body: () => merchantPlans({ first: PAGE, status: 'ACTIVE' }), expect: COUNTED },
  { name: 'MerchantPlans status DELINQUENT', body: () => merchantPlans({ first: PAGE, status: 'DELINQUENT' }), expect: COUNTED },
  { name: 'MerchantPlans status DELINQUENT deep page', body: (t) => merchantPlans({ first: PAGE, after: middle(t), status: 'DELINQUENT' }), expect: COUNTED },
  { name: 'Plans (partner) first page', body: () => request(OPERATIONS.Plans, 'Plans', { first: PAGE }), expect: COUNTED },
  { name: 'Plans (partner) status ACTIVE', body: () => request(OPERATIONS.Plans, 'Plans', { first: PAGE, status: 'ACTIVE' }), expect: COUNTED },
  { name: 'Plans (partner) status DELINQUENT', body: () => request(OPERATIONS.Plans, 'Plans', { first: PAGE, status: 'DELINQUENT' }), expect: COUNTED },
  { name: 'Node lookup (middle plan)', body: (t) => request(OPERATIONS.Node, 'Node', { id: globalId('Plan', Math.floor(t.bigMerchantPlans / 2)) }), expect: '"__typename":"Plan"' },
  { name: 'Plan lookup (middle plan, every field)', body: (t) => request(OPERATIONS.Plan, 'Plan', { id: globalId('Plan', Math.floor(t.bigMerchantPlans / 2)) }), expect: '"installments":[{' },
];

/** One request's wall time in ms, as a partner sees it; a wrong answer throws. */
export async function timeRead(url: string, body: string, expect: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || text.includes('"errors"') || !text.includes(expect)) {
    throw new Error(`unexpected answer (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return ms;
}

export interface Latency { p50: number; p90: number; min: number; samples: number }

export function latencyOf(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p90: at(0.9), min: round(sorted[0]), samples: sorted.length };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export interface Side { url: string; target: ReadTarget }

/**
 * `samples` requests to each side, one at a time, alternating which side goes first, after a
 * warm-up: whatever else the shared machine is doing falls on both sides alike.
 */
export async function timeInterleaved(read: ScaleRead, small: Side, big: Side, samples: number): Promise<{ small: Latency; big: Latency }> {
  const bodies = { small: read.body(small.target), big: read.body(big.target) };
  const times: { small: number[]; big: number[] } = { small: [], big: [] };
  const once = (side: 'small' | 'big') => timeRead((side === 'small' ? small : big).url, bodies[side], read.expect);
  for (let i = 0; i < 3; i++) await Promise.all([once('small'), once('big')]);
  for (let i = 0; i < samples; i++) {
    for (const side of i % 2 === 0 ? ['small', 'big'] as const : ['big', 'small'] as const) times[side].push(await once(side));
  }
  return { small: latencyOf(times.small), big: latencyOf(times.big) };
}
