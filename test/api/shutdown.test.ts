import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueryRunner } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import type { Gateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import type { SqlCounter } from '../support/sql-counter';
import { freshDatabaseUrl, onMysql } from '../support/test-database';

/**
 * Keeps every write to one plan waiting until released: its row locked by another transaction on
 * MariaDB; on SQLite, whose writes take turns, the writer's turn held.
 */
async function holdPlan(gateway: Gateway, planId: number): Promise<() => Promise<void>> {
  if (!onMysql()) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const started = new Promise<void>((resolve) => (holding = resolve));
    void gateway.db.writes.run(() => {
      holding();
      return held;
    });
    await started;
    return async () => release();
  }
  const runner: QueryRunner = gateway.db.dataSource.createQueryRunner();
  await runner.startTransaction();
  await runner.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [planId]);
  return async () => {
    await runner.rollbackTransaction();
    await runner.release();
  };
}

describe('shutdown', () => {
  it('lets a request whose client went away finish before the database is released', async () => {
    const url = onMysql()
      ? await freshDatabaseUrl('shutdown')
      : `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-shutdown-')), 'tenor.sqlite')}`;
    const logLines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => logLines.push(line) });
    const { gateway, sql }: { gateway: Gateway; sql: SqlCounter } = await startConfiguredGateway('shutdown', { DATABASE_URL: url }, { logger });
    const [plan] = await gateway.db.dataSource.query(
      "SELECT p.id FROM plans p JOIN partners pa ON pa.id = p.partnerId WHERE pa.name = 'Acme Commerce' AND p.status = 'ACTIVE' ORDER BY p.id LIMIT 1",
    );
    const planId = Number(plan.id);

    // The request is waiting for the plan once MariaDB has its FOR UPDATE; on SQLite, whose statements
    // wait while a write is open, once its first statement (the key lookup) waits for the held turn.
    let reachedPlan!: () => void;
    const waitingForPlan = new Promise<void>((resolve) => (reachedPlan = resolve));
    const beforeStatement = gateway.db.writes.beforeStatement.bind(gateway.db.writes);
    gateway.db.writes.beforeStatement = () => {
      const open = beforeStatement();
      if (open && !onMysql()) reachedPlan();
      return open;
    };
    const release = await holdPlan(gateway, planId);
    sql.reset();
    const logQuery = sql.logQuery.bind(sql);
    sql.logQuery = (query, parameters) => {
      logQuery(query, parameters);
      if (onMysql() && /FOR UPDATE/.test(query)) reachedPlan();
    };
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
    await waitingForPlan;
    client.abort();
    expect(await sent).toBe('AbortError');

    // Closing waits for the request: it commits before the gateway has finished closing (a database
    // released under it would have failed it, with an error line and no record).
    const closing = gateway.close().then(() => sql.statements.some((statement) => /^COMMIT/i.test(statement)));
    await release();
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
