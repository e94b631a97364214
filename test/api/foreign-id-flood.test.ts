import type { QueryRunner } from 'typeorm';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery, RawResponse } from '../support/raw-http';
import { onMysql } from '../support/test-database';

/**
 * Issue #25 (2): a partner that floods another partner's plan and repayment ids must not be able to
 * block that partner's writes. Each foreign id is refused as not found without taking a turn in the
 * plan's writer lane (plan-writers.ts) and without waiting for the plan's row.
 */
const FLOOD = 100;
const BURSTS = 10;
/** The flood alone would empty the throttle bucket; this test is about the writer lane, not the budget. */
const OPEN_THROTTLE = { THROTTLE_BUCKET_POINTS: '100000000', THROTTLE_RESTORE_PER_SECOND: '100000000' };

const RECORD = 'mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { repayment { id } userErrors { code field message } } }';
const REVERSE = 'mutation($input: ReverseRepaymentInput!) { reverseRepayment(input: $input) { repayment { id } userErrors { code field message } } }';
const GLOBEX_PLANS = `{ merchants(first: 5) { nodes { currency plans(first: 20, status: ACTIVE) { nodes {
  id balance { amount } repayments(first: 5) { nodes { id status } } } } } } }`;

/** Globex's plan (global and numeric id) and one of its repayments. */
interface Target { planId: string; planRowId: number; repaymentId: string }

let t: TestGateway;
let target: Target;
let key = 0;
const nextKey = (tag: string) => `flood-${tag}-${++key}`;

/** A Globex USD plan that owes enough for every burst's two payments of 1.00, with a repayment that can be reversed. */
async function globexTarget(): Promise<Target> {
  const { body, text } = await postQuery(t.url, KEYS.globex, GLOBEX_PLANS);
  if (!body.data) throw new Error(`could not read Globex's plans: ${text.slice(0, 300)}`);
  type Plans = { merchants: { nodes: { currency: string; plans: { nodes: { id: string; balance: { amount: string }; repayments: { nodes: { id: string; status: string }[] } }[] } }[] } };
  const plans = (body.data as unknown as Plans).merchants.nodes.filter((m) => m.currency === 'USD').flatMap((m) => m.plans.nodes);
  const plan = plans.find((p) => Number(p.balance.amount) >= 4 * BURSTS && p.repayments.nodes.some((r) => r.status === 'SUCCEEDED'));
  if (!plan) throw new Error('the demo seed has no ACTIVE Globex USD plan with a repayment');
  return {
    planId: plan.id,
    planRowId: Number(Buffer.from(plan.id, 'base64url').toString().split(':')[1]),
    repaymentId: plan.repayments.nodes.find((r) => r.status === 'SUCCEEDED')!.id,
  };
}

const globexRepayment = () => postQuery(t.url, KEYS.globex, RECORD, { input: {
  planId: target.planId, amount: { amount: '1.00', currency: 'USD' }, idempotencyKey: nextKey('own') } });

/** The top-level error code, else the first userError's code, else OK. */
const codeOf = (response: RawResponse): string =>
  String(response.body.errors?.[0]?.extensions?.code ?? (Object.values(response.body.data ?? {})[0] as { userErrors: { code: string }[] })?.userErrors[0]?.code ?? 'OK');

/** Resolves once `pattern` is among the statements the gateway sends. */
function statementSent(pattern: RegExp): Promise<void> {
  const log = t.sql.logQuery.bind(t.sql);
  return new Promise((resolve) => {
    t.sql.logQuery = (query, parameters) => {
      log(query, parameters);
      if (!pattern.test(query)) return;
      t.sql.logQuery = log;
      resolve();
    };
  });
}

/**
 * Globex's own repayment, kept in progress until released, so it holds its plan's turn the way a
 * slow write does. On MariaDB another session locks the plan's row and the repayment waits for it
 * inside its transaction. On SQLite a transaction never yields (the driver is synchronous), so the
 * repayment's transaction is held just before it begins; no write is open meanwhile and reads go on.
 */
async function globexWriteInProgress(): Promise<{ answer: Promise<RawResponse>; release(): Promise<void> }> {
  if (onMysql()) {
    const runner: QueryRunner = t.gateway.db.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [target.planRowId]);
    const waiting = statementSent(/FOR UPDATE/);
    const answer = globexRepayment();
    await waiting;
    return { answer, release: () => runner.rollbackTransaction().then(() => runner.release()) };
  }
  const writes = t.gateway.db.writes;
  const run = writes.run.bind(writes);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const held = new Promise<void>((resolve) => (reached = resolve));
  writes.run = <T>(work: () => Promise<T>): Promise<T> => {
    writes.run = run;
    reached();
    return gate.then(() => run(work));
  };
  const answer = globexRepayment();
  await held;
  return { answer, release: async () => open() };
}

/**
 * While Globex's repayment is in progress, FLOOD requests by Acme naming Globex's object; once the
 * first is answered (the flood is in the gateway), a second repayment by Globex. The hold ends when
 * the whole flood or that second repayment has been answered.
 */
async function burst(flood: () => Promise<RawResponse>): Promise<{ own: string[]; flood: string[] }> {
  const first = await globexWriteInProgress();
  let firstAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
  const floods = Array.from({ length: FLOOD }, () => flood().then((response) => (firstAnswered(), response)));
  await answered;
  const second = globexRepayment();
  await Promise.race([Promise.all(floods), second]);
  await first.release();
  return { own: [codeOf(await first.answer), codeOf(await second)], flood: (await Promise.all(floods)).map(codeOf) };
}

async function bursts(flood: () => Promise<RawResponse>): Promise<{ own: string[]; flood: string[] }> {
  const all = { own: [] as string[], flood: [] as string[] };
  for (let i = 0; i < BURSTS; i++) {
    const one = await burst(flood);
    all.own.push(...one.own);
    all.flood.push(...one.flood);
  }
  return all;
}

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

beforeAll(async () => {
  t = await startTestGateway('foreign_id_flood', { env: OPEN_THROTTLE });
  target = await globexTarget();
  // Each key's lastUsedAt is written on its first use (the clock is fixed): not during a hold.
  await postQuery(t.url, KEYS.acme, '{ viewer { role } }');
});
afterAll(() => t.close());

describe('a flood of another partner\'s ids while that partner writes', () => {
  it('recordRepayment by Acme on Globex\'s plan: every one NOT_FOUND, none of Globex\'s repayments PLAN_BUSY', async () => {
    const results = await bursts(() => postQuery(t.url, KEYS.acme, RECORD, { input: {
      planId: target.planId, amount: { amount: '1.00', currency: 'USD' }, idempotencyKey: nextKey('foreign-plan') } }));
    expect(tally(results.own)).toEqual({ OK: 2 * BURSTS });
    expect(tally(results.flood)).toEqual({ NOT_FOUND: BURSTS * FLOOD });
  });

  it('reverseRepayment by Acme of Globex\'s repayment: every one NOT_FOUND, none of Globex\'s repayments PLAN_BUSY', async () => {
    const results = await bursts(() => postQuery(t.url, KEYS.acme, REVERSE, { input: {
      repaymentId: target.repaymentId, idempotencyKey: nextKey('foreign-repayment') } }));
    expect(tally(results.own)).toEqual({ OK: 2 * BURSTS });
    expect(tally(results.flood)).toEqual({ NOT_FOUND: BURSTS * FLOOD });
  });
});
