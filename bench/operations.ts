// The scenarios as requests to each server, with the checks that make their answers comparable.
import fs from 'node:fs';
import path from 'node:path';
import { standaloneOperations } from '../scripts/print-operation';
import {
  BENCH_API_KEY, BASELINE_CHECKOUT_MERCHANT_ID, BASELINE_POOL_MERCHANT_ID, BIG_MERCHANT_ID, REPAYMENT_POOL_SIZE, TENOR_CHECKOUT_MERCHANT_ID,
  TENOR_POOL_MERCHANT_ID,
} from './portfolio';
import type { Step, StepContext, Target } from './measure';

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

/** The checkout as a partner's generated client sends it: the committed operations with their fragments. */
const COMMITTED = standaloneOperations();
export const CREATE_APPLICATION = COMMITTED.CreateApplication;
export const ACCEPT_OFFER = COMMITTED.AcceptOffer;
export const CAPTURE_PLAN = COMMITTED.CapturePlan;

export const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
export const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };

/** Plan ids of a repayment pool: merchants 2 and 3 hold the plans right after the big merchant's. */
const poolFirstPlanId = (merchantId: number) => 10_000 + 1 + (merchantId - TENOR_POOL_MERCHANT_ID) * REPAYMENT_POOL_SIZE;

export const nestedReadBody = (first: number) => JSON.stringify({
  query: NESTED_READ, operationName: 'NestedRead', variables: { id: globalId('Merchant', BIG_MERCHANT_ID), first },
});

export const repaymentBody = (side: Side, planIndex: number, key: string) => JSON.stringify({
  query: RECORD_REPAYMENT, operationName: 'RecordRepayment',
  variables: {
    input: {
      planId: globalId('Plan', poolFirstPlanId(side === 'tenor' ? TENOR_POOL_MERCHANT_ID : BASELINE_POOL_MERCHANT_ID) + (planIndex % REPAYMENT_POOL_SIZE)),
      amount: { amount: '1.00', currency: 'USD' },
      idempotencyKey: key,
    },
  },
});

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** The "as low as" call of a product page: the bench merchant's programs cover 50.00 to 20,000.00. */
export const estimatesBody = (amountMinor: number) => JSON.stringify({
  query: PAYMENT_ESTIMATES, operationName: 'PaymentEstimates',
  variables: {
    merchantId: globalId('Merchant', BIG_MERCHANT_ID),
    amount: { amount: decimal(amountMinor), currency: 'USD' },
  },
});

export type Side = 'tenor' | 'baseline';
const CHECKOUT_MERCHANT: Record<Side, number> = { tenor: TENOR_CHECKOUT_MERCHANT_ID, baseline: BASELINE_CHECKOUT_MERCHANT_ID };

/**
 * A fresh shopper: an email never seen before (the exposure limit is per applicant, so none is ever
 * refused), a prime score (every program offered), an amount inside the programs' 50.00-20,000.00
 * and the 15,000.00 exposure limit.
 */
export const createApplicationBody = (side: Side, label: string, amountMinor: number) => JSON.stringify({
  query: CREATE_APPLICATION, operationName: 'CreateApplication',
  variables: {
    input: {
      merchantId: globalId('Merchant', CHECKOUT_MERCHANT[side]), amount: { amount: decimal(amountMinor), currency: 'USD' },
      applicant: { firstName: 'Bench', lastName: `Shopper ${label}`, email: `${label}@shoppers.bench.example`, creditScore: 760 },
      idempotencyKey: `${label}-apply`,
    },
  },
});

export const acceptOfferBody = (label: string, applicationId: string, offerId: string) => JSON.stringify({
  query: ACCEPT_OFFER, operationName: 'AcceptOffer', variables: { input: { applicationId, offerId, idempotencyKey: `${label}-accept` } },
});

export const capturePlanBody = (label: string, planId: string) => JSON.stringify({
  query: CAPTURE_PLAN, operationName: 'CapturePlan', variables: { input: { planId, idempotencyKey: `${label}-capture` } },
});

/** Where each checkout step goes: Tenor's one endpoint, or the baseline's route per mutation. */
export const checkoutUrls = (side: Side, tenorUrl: string, baselineOrigin: string): [string, string, string] => (side === 'tenor'
  ? [tenorUrl, tenorUrl, tenorUrl]
  : [`${baselineOrigin}/create-application`, `${baselineOrigin}/accept-offer`, `${baselineOrigin}/capture-plan`]);

/**
 * One whole checkout outside the timed runs (identity check, SQL counts): 1,234.57 (odd cents),
 * the second offer (12 months); `post` sends a request and answers its body. The three answers.
 */
export async function runCheckout(post: (url: string, body: string) => Promise<string>, side: Side, urls: [string, string, string], label: string): Promise<string[]> {
  const applied = await post(urls[0], createApplicationBody(side, label, 123_457));
  const application = payloadOf(applied, 'createApplication').application!;
  const accepted = await post(urls[1], acceptOfferBody(label, application.id, application.offers[1].id));
  const captured = await post(urls[2], capturePlanBody(label, payloadOf(accepted, 'acceptOffer').plan!.id));
  return [applied, accepted, captured];
}

/** The n-th checkout's amount: spread over 50.00-5,000.00, the same sequence on both sides. */
export const checkoutAmount = (n: number) => 5_000 + ((n * 7_919) % 495_001);

const MIN_ESTIMATE = 5_000;
const MAX_ESTIMATE = 2_000_000;
const randomEstimateAmount = () => MIN_ESTIMATE + Math.floor(Math.random() * (MAX_ESTIMATE - MIN_ESTIMATE + 1));

function expectData(body: string, marker: string): void {
  if (!body.includes(marker) || body.includes('"errors"')) throw new Error(`unexpected response: ${body.slice(0, 300)}`);
}

/** The scenarios in the order a run times them. */
export const SCENARIO_NAMES = ['nested-read', 'trivial', 'repayment', 'estimates', 'checkout'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioTargets { name: ScenarioName; tenor: Target; baseline: Target }

const single = (url: string, body: () => string, check: (body: string) => void): Target => ({ headers: HEADERS, steps: [{ url, body, check }] });

interface CheckoutPayload { application?: { id: string; offers: { id: string }[] } | null; plan?: { id: string } | null }

/** data.<mutation> of a checkout step's answer. */
export function payloadOf(body: string, mutation: string): CheckoutPayload {
  const payload = (JSON.parse(body) as { data?: Record<string, CheckoutPayload | null> }).data?.[mutation];
  if (!payload) throw new Error(`${mutation}: unexpected response: ${body.slice(0, 300)}`);
  return payload;
}

/**
 * createApplication -> acceptOffer (the n-th checkout takes offer n % 3: pay-in-4, 12 or 24 months)
 * -> capturePlan, each answer read for the ids the next request needs. Labels (and so keys and
 * emails) carry the run id, so a re-run never replays an old key or meets an old applicant.
 */
function checkout(side: Side, urls: [string, string, string], runId: string): Target {
  let next = 0;
  const label = (context: StepContext) => `${runId}-${side}-${context.n as number}`;
  const steps: Step[] = [
    {
      url: urls[0],
      body: (context) => {
        context.n = next++;
        return createApplicationBody(side, label(context), checkoutAmount(context.n as number));
      },
      check: (b) => expectData(b, '"status":"APPROVED"'),
      read: (b, context) => {
        const application = payloadOf(b, 'createApplication').application!;
        context.applicationId = application.id;
        context.offerId = application.offers![(context.n as number) % application.offers!.length].id;
      },
    },
    {
      url: urls[1],
      body: (context) => (context.offerId ? acceptOfferBody(label(context), context.applicationId as string, context.offerId as string) : null),
      check: (b) => expectData(b, '"status":"AUTHORIZED"'),
      read: (b, context) => {
        context.planId = payloadOf(b, 'acceptOffer').plan!.id;
      },
    },
    {
      url: urls[2],
      body: (context) => (context.planId ? capturePlanBody(label(context), context.planId as string) : null),
      check: (b) => expectData(b, '"status":"ACTIVE"'),
    },
  ];
  return { headers: HEADERS, steps };
}

/** Requests for each scenario; repayment keys carry the run id so a re-run never replays an old key. */
export function scenarios(tenorUrl: string, baselineOrigin: string, runId: string): ScenarioTargets[] {
  const fixed = (body: string) => () => body;
  const sequence = { tenor: 0, baseline: 0 };
  const repayment = (side: Side): Target => single(side === 'tenor' ? tenorUrl : `${baselineOrigin}/repayment`, () => {
    const n = sequence[side]++;
    // Consecutive requests go to different plans, so 16 connections rarely wait on one plan's lock.
    return repaymentBody(side, n * 7, `${runId}-${side}-${n}`);
  }, (body) => expectData(body, '"userErrors":[]'));
  const nested = (url: string) => single(url, fixed(nestedReadBody(100)), (b) => expectData(b, '"plans":{"nodes":[{'));
  const trivial = (url: string) => single(url, fixed(JSON.stringify({ query: TRIVIAL })), (b) => expectData(b, '"role":"PARTNER"'));
  const estimates = (url: string) => single(url, () => estimatesBody(randomEstimateAmount()), (b) => expectData(b, '"paymentEstimates":[{'));
  const targets: Record<ScenarioName, Omit<ScenarioTargets, 'name'>> = {
    'nested-read': { tenor: nested(tenorUrl), baseline: nested(`${baselineOrigin}/nested-read`) },
    trivial: { tenor: trivial(tenorUrl), baseline: trivial(`${baselineOrigin}/viewer`) },
    repayment: { tenor: repayment('tenor'), baseline: repayment('baseline') },
    estimates: { tenor: estimates(tenorUrl), baseline: estimates(`${baselineOrigin}/estimates`) },
    checkout: {
      tenor: checkout('tenor', checkoutUrls('tenor', tenorUrl, baselineOrigin), runId),
      baseline: checkout('baseline', checkoutUrls('baseline', tenorUrl, baselineOrigin), runId),
    },
  };
  return SCENARIO_NAMES.map((name) => ({ name, ...targets[name] }));
}
