import { openDatabase } from '../../src/db/data-source';
import type { Gateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { acmeActivePlanId, holdPlan } from '../support/plan-hold';
import type { SqlCounter } from '../support/sql-counter';
import { durableDatabaseUrl } from '../support/test-database';

describe('shutdown', () => {
  it('lets a request whose client went away finish before the database is released', async () => {
    const url = await durableDatabaseUrl('shutdown');
    const logLines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => logLines.push(line) });
    const { gateway, sql }: { gateway: Gateway; sql: SqlCounter } = await startConfiguredGateway('shutdown', { DATABASE_URL: url }, { logger });
    const planId = await acmeActivePlanId(gateway);
    const hold = await holdPlan(gateway, sql, planId);
    sql.reset();
    const client = new AbortController();
    const sent = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.acme}` },
      body: JSON.stringify({
        query: 'mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { repayment { id } userErrors { code } } }',
        variables: { input: { planId: Buffer.from(`Plan:${planId}`).toString('base64url'), amount: { amount: '1.00', currency: 'USD' }, idempotencyKey: 'left-behind' } },
      }),
      signal: client.signal,
    }).catch((error: Error) => error.name);
    await hold.waiting;
    client.abort();
    expect(await sent).toBe('AbortError');

    // Closing waits for the request: it commits before the gateway has finished closing (a database
    // released under it would have failed it, with an error line and no record).
    const closing = gateway.close().then(() => sql.statements.some((statement) => /^COMMIT/i.test(statement)));
    await hold.release();
    expect(await closing).toBe(true);

    expect(logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50)).toEqual([]);
    const db = await openDatabase(url);
    try {
      const stored = await db.dataSource.query("SELECT COUNT(*) AS n FROM idempotency_records WHERE idempotencyKey = 'left-behind'");
      expect(Number(stored[0].n)).toBe(1);
    } finally {
      await db.dataSource.destroy();
    }
  });
});
