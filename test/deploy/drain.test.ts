import http from 'node:http';
import type { Gateway } from '../../src/server/app';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { acmeActivePlanId, holdPlan } from '../support/plan-hold';
import { postQuery } from '../support/raw-http';
import type { SqlCounter } from '../support/sql-counter';

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
  return { gateway, sql, planId: await acmeActivePlanId(gateway) };
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
    await hold.waiting;
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
    await hold.waiting;
    // The repayment never gets its plan, so only the cut ends it; how soon (at the grace) is timed in
    // npm run test:faults (test/faults/slow/time-bounds.test.ts).
    expect(await gateway.shutdown()).toBe(false);
    // The client's connection was cut: it sees a reset, never a made-up answer.
    expect(await answer).toHaveProperty('message', expect.stringMatching(/socket hang up|ECONNRESET/));
    await hold.release().catch(() => undefined);
  });
});
