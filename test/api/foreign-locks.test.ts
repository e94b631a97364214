import type { QueryRunner } from 'typeorm';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';
import { onMysql } from '../support/test-database';

/**
 * Issue #25 (2), the row locks: a partner naming another partner's application never waits for that
 * application's row. InnoDB locks a row before a scoped `FOR UPDATE` filters it out, so a flood of
 * foreign ids would park pool connections behind the owner's lock. Only MariaDB has row locks.
 */
const onMariaDb = onMysql() ? it : it.skip;

const CANCEL = 'mutation($input: CancelApplicationInput!) { cancelApplication(input: $input) { application { id } userErrors { code field message } } }';
const GLOBEX_APPLICATION = '{ merchants(first: 1) { nodes { applications(first: 1, status: APPROVED) { nodes { id } } } } }';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('foreign_locks');
});
afterAll(() => t.close());

describe('cancelApplication with another partner\'s application id', () => {
  onMariaDb('is refused NOT_FOUND while the owner holds the application\'s row lock', async () => {
    const { body } = await postQuery(t.url, KEYS.globex, GLOBEX_APPLICATION);
    const id = (body.data as { merchants: { nodes: { applications: { nodes: { id: string }[] } }[] } }).merchants.nodes[0].applications.nodes[0].id;
    const rowId = Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
    const owner: QueryRunner = t.gateway.db.dataSource.createQueryRunner();
    await owner.startTransaction();
    try {
      await owner.query('SELECT id FROM applications WHERE id = ? FOR UPDATE', [rowId]);
      // Before the fix this waited DATABASE_LOCK_WAIT_SECONDS and answered DATABASE_BUSY.
      const response = await postQuery(t.url, KEYS.acme, CANCEL, { input: { applicationId: id, idempotencyKey: 'foreign-cancel' } });
      expect(response.body.data).toEqual({ cancelApplication: { application: null, userErrors: [
        { code: 'NOT_FOUND', field: ['input', 'applicationId'], message: 'No application with this id' },
      ] } });
    } finally {
      await owner.rollbackTransaction();
      await owner.release();
    }
  });
});
