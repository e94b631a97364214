import { KEYS } from '../support/gateway';
import { startConfiguredGateway } from '../support/configured-gateway';
import { onMysql } from '../support/test-database';
import type { Gateway } from '../../src/server/app';
import { post, SMALL_READ } from './support/fault-gateway';

/** The bounds that need no fault injected: on the shared MariaDB, in this test's own database. */
const describeOnMysql = onMysql() ? describe : describe.skip;

describeOnMysql('bounded database waits', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    ({ gateway } = await startConfiguredGateway('faults_bounds', {
      DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300', DATABASE_LOCK_WAIT_SECONDS: '2', DATABASE_STATEMENT_TIMEOUT_MS: '4000',
    }));
  });
  afterAll(() => gateway?.close());

  it('gives every session a short lock wait, a statement timeout and READ COMMITTED', async () => {
    const [row] = await gateway.db.dataSource.query(
      'SELECT @@SESSION.innodb_lock_wait_timeout AS lockWait, @@SESSION.max_statement_time AS statement, @@SESSION.tx_isolation AS isolation');
    expect({ lockWait: Number(row.lockWait), statement: Number(row.statement), isolation: row.isolation }).toEqual({ lockWait: 2, statement: 4, isolation: 'READ-COMMITTED' });
  });

  it('answers 503 DATABASE_BUSY with Retry-After when no pool connection frees up in time', async () => {
    const holder = gateway.db.dataSource.createQueryRunner();
    await holder.connect();
    try {
      const answer = await post(gateway.url, KEYS.acme, SMALL_READ);
      expect({ status: answer.status, code: answer.code, retryAfter: answer.retryAfter, retryable: answer.body.errors![0].extensions!.retryable })
        .toEqual({ status: 503, code: 'DATABASE_BUSY', retryAfter: '1', retryable: true });
      // The only connection is held until after the answer, so only the acquire timeout could give it;
      // how soon is timed in npm run test:faults (test/faults/slow/time-bounds.test.ts).
    } finally {
      await holder.release();
    }
  });

  it('serves again once the connection is free', async () => {
    expect((await post(gateway.url, KEYS.acme, SMALL_READ)).status).toBe(200);
  });
});
