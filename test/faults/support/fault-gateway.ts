import 'reflect-metadata';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { IdempotencyRecord, Repayment } from '../../../entities';
import type { Database } from '../../../src/db/data-source';
import { startGateway, Gateway } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { createLogger } from '../../../src/server/logger';
import { bookProblems } from '../../support/invariants';

export interface FaultGateway {
  gateway: Gateway;
  url: string;
  /** Every log line the gateway wrote, parsed. */
  logs: Array<{ level: number; msg: string; [field: string]: unknown }>;
  close(): Promise<void>;
}

/** Small bounds so a fault scenario takes seconds; production defaults are in src/server/fault-config.ts. */
export const FAST_BOUNDS = {
  MUTATION_DEADLINE_MS: '3000', READ_DEADLINE_MS: '2000', DATABASE_ACQUIRE_TIMEOUT_MS: '1000', DATABASE_LOCK_WAIT_SECONDS: '1',
};

/** The real gateway on a database URL the test chose (its own MariaDB), logging into memory. */
export async function startFaultGateway(
  databaseUrl: string, env: NodeJS.ProcessEnv = {}, throttleClockMs?: () => number, sqlLogger?: TypeOrmLogger,
): Promise<FaultGateway> {
  const logs: FaultGateway['logs'] = [];
  const logger = createLogger('info', { write: (line: string) => { logs.push(JSON.parse(line) as FaultGateway['logs'][number]); } });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, TENOR_NOW: '2027-03-01T12:00:00Z', ...env });
  const now = config.fixedNow!;
  const gateway = await startGateway(config, {
    statusSweepMs: 0, clock: () => now, logger, ...(throttleClockMs ? { throttleClockMs } : {}), ...(sqlLogger ? { sqlLogger } : {}),
  });
  return { gateway, url: gateway.url, logs, close: () => gateway.close() };
}

export interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  code: string;
}

/**
 * POSTs one operation and times the answer. The client gives up after `abortMs`, so a gateway that
 * hangs with its database fails the test instead of hanging it.
 */
export async function post(url: string, key: string, query: string, variables?: Record<string, unknown>, abortMs = 20_000): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(abortMs),
  });
  const text = await response.text();
  const body = JSON.parse(text) as Answer['body'];
  return {
    status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), body,
    code: String(body.errors?.[0]?.extensions?.code ?? 'ok'),
  };
}

export async function probe(url: string, path: '/readyz' | '/healthz', abortMs = 20_000): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(new URL(path, url), { signal: AbortSignal.timeout(abortMs) });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

/** Polls /readyz until the gateway is ready again after a fault was removed. */
export async function untilReady(url: string, timeoutMs = 30_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (Date.now() < giveUp) {
    if ((await probe(url, '/readyz').catch(() => ({ status: 0 }))).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the gateway did not become ready again');
}

export const REPAY = `mutation Repay($input: RecordRepaymentInput!) {
  recordRepayment(input: $input) { repayment { id } userErrors { code message } }
}`;
export const ACTIVE_PLANS = `{ merchants(first: 10) { nodes { currency plans(first: 20, status: ACTIVE) { nodes { id balance { amount } } } } } }`;
export const SMALL_READ = '{ merchants(first: 5) { nodes { id name } } }';

/** USD plans of a partner with at least `minimum` minor units owed. */
export async function activePlans(url: string, key: string, minimum = 1000): Promise<string[]> {
  const { body } = await post(url, key, ACTIVE_PLANS);
  return (body.data!.merchants.nodes as Array<{ currency: string; plans: { nodes: Array<{ id: string; balance: { amount: string } }> } }>)
    .filter((m) => m.currency === 'USD')
    .flatMap((m) => m.plans.nodes)
    .filter((p) => Math.round(Number(p.balance.amount) * 100) >= minimum)
    .map((p) => p.id);
}

export const repay = (url: string, key: string, planId: string, idempotencyKey: string, amount = '1.00', abortMs?: number) =>
  post(url, key, REPAY, { input: { planId, amount: { amount, currency: 'USD' }, idempotencyKey } }, abortMs);

/**
 * The books check after a fault: bookProblems (allocations = amountPaid, repayments = received),
 * plus exactly one repayment per idempotency key: every recordRepayment record names its own
 * repayment, and every repayment made after `firstRepaymentId` is named by exactly one record.
 */
export async function booksAfterFault(db: Database, firstRepaymentId: number): Promise<string[]> {
  const problems = await bookProblems(db);
  const records = await db.dataSource.getRepository(IdempotencyRecord).findBy({ operation: 'recordRepayment' });
  const named = records.map((r) => (JSON.parse(r.response || '{}') as { repaymentId?: number }).repaymentId).filter((id): id is number => id !== undefined);
  if (new Set(named).size !== named.length) problems.push('two idempotency records name the same repayment');
  const made = (await db.dataSource.getRepository(Repayment).find()).filter((r) => r.id >= firstRepaymentId).map((r) => r.id);
  for (const id of made) if (!named.includes(id)) problems.push(`repayment ${id} has no idempotency record`);
  return problems;
}

export async function nextRepaymentId(db: Database): Promise<number> {
  const [row] = await db.dataSource.query('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM repayments') as Array<{ next: number | string }>;
  return Number(row.next);
}
