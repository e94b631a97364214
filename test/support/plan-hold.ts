import type { QueryRunner } from 'typeorm';
import type { Gateway } from '../../src/server/app';
import type { SqlCounter } from './sql-counter';

export interface PlanHold {
  /** Resolves once a write from outside the hold waits behind it. */
  waiting: Promise<void>;
  release(): Promise<void>;
}

/**
 * Keeps every write to one plan waiting until released: its row locked by another transaction on
 * MariaDB; on SQLite, whose writes take turns, the writer's turn held. `waiting` is an event, not a
 * poll: it resolves from the statement hooks the moment a request is stuck behind the hold.
 */
export async function holdPlan(gateway: Gateway, sql: SqlCounter, planId: number): Promise<PlanHold> {
  let someoneWaits!: () => void;
  const waiting = new Promise<void>((resolve) => (someoneWaits = resolve));
  if (gateway.db.driver !== 'mysql') {
    const writes = gateway.db.writes;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((started) => void writes.run(() => (started(), held)));
    // Every statement from outside the held write waits for it (data-source.ts): the first is the request's.
    const beforeStatement = writes.beforeStatement.bind(writes);
    writes.beforeStatement = () => {
      const open = beforeStatement();
      if (open) someoneWaits();
      return open;
    };
    return { waiting, release: async () => release() };
  }
  const runner: QueryRunner = gateway.db.dataSource.createQueryRunner();
  await runner.startTransaction();
  await runner.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [planId]);
  // A request waits for the plan once it has sent its own FOR UPDATE.
  const logQuery = sql.logQuery.bind(sql);
  sql.logQuery = (query, parameters) => {
    logQuery(query, parameters);
    if (/FOR UPDATE/.test(query)) someoneWaits();
  };
  return {
    waiting,
    async release() {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

/** Acme's first ACTIVE USD plan of the demo seed. */
export async function acmeActivePlanId(gateway: Gateway): Promise<number> {
  const [plan] = await gateway.db.dataSource.query(
    "SELECT p.id FROM plans p JOIN partners pa ON pa.id = p.partnerId WHERE pa.name = 'Acme Commerce' AND p.status = 'ACTIVE' AND p.currency = 'USD' ORDER BY p.id LIMIT 1");
  return Number(plan.id);
}
