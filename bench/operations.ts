// The three scenarios as requests to each server, with the checks that make their answers comparable.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_API_KEY, BASELINE_POOL_MERCHANT_ID, BIG_MERCHANT_ID, REPAYMENT_POOL_SIZE, TENOR_POOL_MERCHANT_ID } from './portfolio';
import type { Target } from './measure';

const OPERATIONS = path.join(process.cwd(), 'schema', 'operations');

/** One named operation of a .graphql file, braces matched, so the bench sends the committed text. */
function operationText(file: string, header: string): string {
  const source = fs.readFileSync(path.join(OPERATIONS, file), 'utf8');
  const start = source.indexOf(header);
  if (start < 0) throw new Error(`${header} not found in schema/operations/${file}`);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`${header} in schema/operations/${file} has unbalanced braces`);
}

export const NESTED_READ = `${operationText('reads.graphql', 'query NestedRead(')}\n${operationText('fragments.graphql', 'fragment MoneyFields ')}`;
export const TRIVIAL = '{ viewer { role } }';
export const PAYMENT_ESTIMATES = [
  operationText('reads.graphql', 'query PaymentEstimates('), operationText('fragments.graphql', 'fragment OfferFields '),
  operationText('fragments.graphql', 'fragment MoneyFields '),
].join('\n');
export const RECORD_REPAYMENT = `mutation RecordRepayment($input: RecordRepaymentInput!) {
  recordRepayment(input: $input) {
    plan { id status balance { amount currency } }
    repayment {
      id status amount { amount currency } effectiveDate
      allocations { installmentSequence principal { amount currency } interest { amount currency } }
    }
    userErrors { field message code }
  }
}`;

export const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
export const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };

/** Plan ids of a repayment pool: merchants 2 and 3 hold the plans right after the big merchant's. */
const poolFirstPlanId = (merchantId: number) => 10_000 + 1 + (merchantId - TENOR_POOL_MERCHANT_ID) * REPAYMENT_POOL_SIZE;

export const nestedReadBody = (first: number) => JSON.stringify({
  query: NESTED_READ, operationName: 'NestedRead', variables: { id: globalId('Merchant', BIG_MERCHANT_ID), first },
});

export const repaymentBody = (side: 'tenor' | 'baseline', planIndex: number, key: string) => JSON.stringify({
  query: RECORD_REPAYMENT, operationName: 'RecordRepayment',
  variables: {
    input: {
      planId: globalId('Plan', poolFirstPlanId(side === 'tenor' ? TENOR_POOL_MERCHANT_ID : BASELINE_POOL_MERCHANT_ID) + (planIndex % REPAYMENT_POOL_SIZE)),
      amount: { amount: '1.00', currency: 'USD' },
      idempotencyKey: key,
    },
  },
});

/** The "as low as" call of a product page: the bench merchant's programs cover 50.00 to 20,000.00. */
export const estimatesBody = (amountMinor: number) => JSON.stringify({
  query: PAYMENT_ESTIMATES, operationName: 'PaymentEstimates',
  variables: {
    merchantId: globalId('Merchant', BIG_MERCHANT_ID),
    amount: { amount: `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`, currency: 'USD' },
  },
});
const MIN_ESTIMATE = 5_000;
const MAX_ESTIMATE = 2_000_000;
const randomEstimateAmount = () => MIN_ESTIMATE + Math.floor(Math.random() * (MAX_ESTIMATE - MIN_ESTIMATE + 1));

function expectData(body: string, marker: string): void {
  if (!body.includes(marker) || body.includes('"errors"')) throw new Error(`unexpected response: ${body.slice(0, 300)}`);
}

export interface ScenarioTargets { name: string; tenor: Target; baseline: Target }

/** Requests for each scenario; repayment keys carry the run id so a re-run never replays an old key. */
export function scenarios(tenorUrl: string, baselineOrigin: string, runId: string): ScenarioTargets[] {
  const fixed = (body: string) => () => body;
  const sequence = { tenor: 0, baseline: 0 };
  const repayment = (side: 'tenor' | 'baseline'): Target => ({
    url: side === 'tenor' ? tenorUrl : `${baselineOrigin}/repayment`,
    headers: HEADERS,
    body: () => {
      const n = sequence[side]++;
      // Consecutive requests go to different plans, so 16 connections rarely wait on one plan's lock.
      return repaymentBody(side, n * 7, `${runId}-${side}-${n}`);
    },
    check: (body) => expectData(body, '"userErrors":[]'),
  });
  return [
    {
      name: 'nested-read',
      tenor: { url: tenorUrl, headers: HEADERS, body: fixed(nestedReadBody(100)), check: (b) => expectData(b, '"plans":{"nodes":[{') },
      baseline: { url: `${baselineOrigin}/nested-read`, headers: HEADERS, body: fixed(nestedReadBody(100)), check: (b) => expectData(b, '"plans":{"nodes":[{') },
    },
    {
      name: 'trivial',
      tenor: { url: tenorUrl, headers: HEADERS, body: fixed(JSON.stringify({ query: TRIVIAL })), check: (b) => expectData(b, '"role":"PARTNER"') },
      baseline: { url: `${baselineOrigin}/viewer`, headers: HEADERS, body: fixed(JSON.stringify({ query: TRIVIAL })), check: (b) => expectData(b, '"role":"PARTNER"') },
    },
    { name: 'repayment', tenor: repayment('tenor'), baseline: repayment('baseline') },
    {
      name: 'estimates',
      tenor: { url: tenorUrl, headers: HEADERS, body: () => estimatesBody(randomEstimateAmount()), check: (b) => expectData(b, '"paymentEstimates":[{') },
      baseline: { url: `${baselineOrigin}/estimates`, headers: HEADERS, body: () => estimatesBody(randomEstimateAmount()), check: (b) => expectData(b, '"paymentEstimates":[{') },
    },
  ];
}
