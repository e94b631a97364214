// Partner traffic for the drill: reads and repayments with fresh idempotency keys, through HAProxy.
import { randomUUID } from 'node:crypto';

export interface PlanTarget { id: number; currency: string; key: string }

export interface LoadResult {
  requests: number;
  /** Requests without a complete, error-free GraphQL answer (resets included). */
  failed: number;
  /** Connections reset or closed under a request. */
  resets: number;
  reads: number;
  repayments: number;
  /** Repayment ids the clients were told were recorded. */
  acknowledged: Set<string>;
  failures: string[];
}

const READ = '{ merchants(first: 5) { nodes { id name } } }';
const REPAY = 'mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { repayment { id } userErrors { code } } }';
const RESET = /ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET|EPIPE|terminated/i;

export async function driveLoad(url: string, plans: PlanTarget[], readKey: string, clients: number, until: () => boolean): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, failed: 0, resets: 0, reads: 0, repayments: 0, acknowledged: new Set(), failures: [] };
  const fail = (what: string) => {
    result.failed += 1;
    if (result.failures.length < 20) result.failures.push(what);
  };
  const client = async (n: number) => {
    for (let i = 0; !until(); i++) {
      const repay = i % 2 === 1;
      const plan = plans[(n + i) % plans.length];
      const body = repay
        ? { query: REPAY, variables: { input: { planId: Buffer.from(`Plan:${plan.id}`).toString('base64url'), amount: { amount: '0.01', currency: plan.currency }, idempotencyKey: `drill-${randomUUID()}` } } }
        : { query: READ };
      result.requests += 1;
      if (repay) result.repayments += 1;
      else result.reads += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${repay ? plan.key : readKey}` },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status !== 200) {
          fail(`HTTP ${response.status} ${text.slice(0, 200)}`);
          continue;
        }
        const json = JSON.parse(text) as { data?: { recordRepayment?: { repayment: { id: string } | null } }; errors?: unknown[] };
        if (json.errors) fail(`HTTP ${response.status} ${text.slice(0, 200)}`);
        else if (json.data?.recordRepayment?.repayment) result.acknowledged.add(json.data.recordRepayment.repayment.id);
      } catch (error) {
        const message = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`;
        if (RESET.test(message)) result.resets += 1;
        fail(message);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return result;
}
