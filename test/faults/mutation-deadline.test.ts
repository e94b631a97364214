import { KEYS } from '../support/gateway';
import { onMysql } from '../support/test-database';
import { startConfiguredGateway } from '../support/configured-gateway';
import type { Gateway } from '../../src/server/app';
import { activePlans, repay } from './support/fault-gateway';

/**
 * A request starts under the read deadline and gets the mutation deadline once Apollo knows it is a
 * mutation (deadlinePlugin reads it from the request's context). With a read deadline of 1 ms, a
 * repayment can only commit if that raise reached its transaction: its lock retries and every step
 * are bounded by what the deadline says is left. MySQL only: on SQLite transactions are not cut by
 * the deadline (the write queue serializes them), so only the HTTP backstop would notice.
 */
const describeOnMysql = onMysql() ? describe : describe.skip;

describeOnMysql('the mutation deadline', () => {
  let gateway: Gateway;
  let plans: string[];

  beforeAll(async () => {
    ({ gateway } = await startConfiguredGateway('faults_mutation_deadline', { READ_DEADLINE_MS: '100000', MUTATION_DEADLINE_MS: '10000' }));
    plans = await activePlans(gateway.url, KEYS.acme);
    await gateway.close();
    ({ gateway } = await startConfiguredGateway('faults_mutation_deadline', { READ_DEADLINE_MS: '1', MUTATION_DEADLINE_MS: '10000' }));
  });
  afterAll(() => gateway?.close());

  it('raises the budget of a mutation above the read deadline, down to its transaction', async () => {
    const answer = await repay(gateway.url, KEYS.acme, plans[0], 'raised-budget');
    expect({ status: answer.status, code: answer.code, errors: answer.body.errors ?? [] }).toEqual({ status: 200, code: 'ok', errors: [] });
    expect(answer.body.data!.recordRepayment).toMatchObject({ repayment: { id: expect.any(String) }, userErrors: [] });
  });
});
