import http from 'node:http';
import type { QueryRunner } from 'typeorm';
import type { Gateway } from '../../src/server/app';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { postQuery } from '../support/raw-http';
import { until } from '../support/role-process';
import type { SqlCounter } from '../support/sql-counter';
import { onMysql } from '../support/test-database';

interface Hold {
  /** True once another write is waiting behind the hold. */
  waiting(): boolean;
  release(): Promise<void>;
}

/** Keeps writes to a plan waiting: its row locked by another session (MariaDB), or the writer's turn held (SQLite). */
async function holdPlan(gateway: Gateway, sql: SqlCounter, planId: number): Promise<Hold> {
  if (!onMysql()) {
    const writes = gateway.db.writes;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((started) => void writes.run(() => (started(), held)));
    // Every statement from outside the held write waits for it (data-source.ts): count those that do.
    let waiting = 0;
    const beforeStatement = writes.beforeStatement.bind(writes);
    writes.beforeStatement = () => {
      const open = beforeStatement();
      if (open) waiting += 1;
      return open;
    };
    return { waiting: () => waiting > 0, release: async () => release() };
  }
  const runner: QueryRunner = gateway.db.dataSource.createQueryRunner();
  await runner.startTransaction();
  await runner.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [planId]);
  sql.reset();
  return {
    waiting: () => sql.statements.some((s) => /FOR UPDATE/.test(s)),
    async release() {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

/** A repayment over a keep-alive connection, with the raw response headers (fetch hides Connection). */
function repay(url: string, planId: number, key: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  const body = JSON.stringify({
    query: 'mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { repayment { id } userErrors { code } } }',
    variables: { input: { planId: Buffer.from(`Plan:${planId}`).toString('base64url'), amount: { amount: '1.00', currency: 'USD' }, idempotencyKey: key } },
  });
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST', agent: new http.Agent({ keepAlive: true }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.acme}`, 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function start(tag: string, env: NodeJS.ProcessEnv): Promise<{ gateway: Gateway; sql: SqlCounter; planId: number }> {
  const { gateway, sql } = await startConfiguredGateway(tag, env);
  const [plan] = await gateway.db.dataSource.query(
    "SELECT p.id FROM plans p JOIN partners pa ON pa.id = p.partnerId WHERE pa.name = 'Acme Commerce' AND p.status = 'ACTIVE' AND p.currency = 'USD' ORDER BY p.id LIMIT 1");
  return { gateway, sql, planId: Number(plan.id) };
}

describe('Gateway.shutdown', () => {
  it('says not ready at once but keeps serving during SHUTDOWN_DELAY_SECONDS, then drains and resolves true', async () => {
    const { gateway } = await start('drain_delay', { SHUTDOWN_DELAY_SECONDS: '1' });
    const base = gateway.url.replace('/graphql', '');
    const stopped = gateway.shutdown();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await postQuery(gateway.url, KEYS.acme, '{ viewer { role } }')).status).toBe(200);
    expect(await stopped).toBe(true);
  });

  it('answers a request in flight with Connection: close so its client does not reuse the closing connection', async () => {
    const { gateway, sql, planId } = await start('drain_close', { SHUTDOWN_GRACE_SECONDS: '20' });
    const hold = await holdPlan(gateway, sql, planId);
    const answer = repay(gateway.url, planId, 'drain-close-1');
    await until(hold.waiting, 'the repayment to wait for the plan');
    const stopped = gateway.shutdown();
    await hold.release();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).data.recordRepayment.repayment).not.toBeNull();
    expect(response.connection).toBe('close');
    expect(await stopped).toBe(true);
  });

  it('cuts what is still running at SHUTDOWN_GRACE_SECONDS, releases the database anyway and resolves false', async () => {
    const { gateway, sql, planId } = await start('drain_cut', { SHUTDOWN_GRACE_SECONDS: '1' });
    const hold = await holdPlan(gateway, sql, planId);
    const answer = repay(gateway.url, planId, 'drain-cut-1').catch((error: Error) => error);
    await until(hold.waiting, 'the repayment to wait for the plan');
    const started = Date.now();
    expect(await gateway.shutdown()).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    // The client's connection was cut: it sees a reset, never a made-up answer.
    expect(await answer).toHaveProperty('message', expect.stringMatching(/socket hang up|ECONNRESET/));
    await hold.release().catch(() => undefined);
  });
});
