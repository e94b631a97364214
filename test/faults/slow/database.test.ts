import mysql from 'mysql2/promise';
import { SqlCounter } from '../../support/sql-counter';
import { KEYS } from '../../support/gateway';
import { recordFigure } from '../support/figures';
import {
  activePlans, booksAfterFault, FAST_BOUNDS, FaultGateway, nextRepaymentId, post, probe, repay, SMALL_READ, startFaultGateway, untilReady,
} from '../support/fault-gateway';
import { OwnedProcess, startMariaDb } from '../support/processes';

// Answers may come up to the backstop grace (250 ms) after a deadline, plus a loaded machine's scheduling.
const FAULT_CODES = ['SERVICE_UNAVAILABLE', 'DATABASE_BUSY', 'TIMEOUT', 'OUTCOME_UNKNOWN', 'PLAN_BUSY'];
const MUTATION_MS = Number(FAST_BOUNDS.MUTATION_DEADLINE_MS);
const READ_MS = Number(FAST_BOUNDS.READ_DEADLINE_MS);

let db: OwnedProcess;
let t: FaultGateway;
let plans: string[];
let firstRepaymentId: number;

/** Freezes the database the moment the gateway sends COMMIT, once armed: a COMMIT whose answer never comes. */
class CommitTrap extends SqlCounter {
  armed = false;

  override logQuery(query: string): void {
    if (this.armed && query === 'COMMIT') {
      this.armed = false;
      db.freeze();
    }
  }
}
const commitTrap = new CommitTrap();

beforeAll(async () => {
  db = await startMariaDb();
  t = await startFaultGateway(db.url, { ...FAST_BOUNDS, PLAN_WRITE_QUEUE: '4' }, undefined, commitTrap);
  plans = await activePlans(t.url, KEYS.acme);
  firstRepaymentId = await nextRepaymentId(t.gateway.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await db?.dispose();
});

/** A fault answer: 503 with a code, Retry-After, and retryable (every request here is a read or keyed). */
function expectHonest503(answer: Awaited<ReturnType<typeof post>>) {
  expect({ status: answer.status, code: FAULT_CODES.includes(answer.code), retryAfter: Number(answer.retryAfter) > 0 })
    .toEqual({ status: 503, code: true, retryAfter: true });
  expect(answer.body.errors![0].extensions).toMatchObject({ retryable: true });
}

describe('a frozen database (SIGSTOP)', () => {
  let read: Awaited<ReturnType<typeof post>>;
  let write: Awaited<ReturnType<typeof post>>;
  let ready: { status: number; ms: number };
  let live: { status: number; ms: number };

  beforeAll(async () => {
    expect((await post(t.url, KEYS.acme, SMALL_READ)).status).toBe(200);
    db.freeze();
    try {
      [read, write, ready, live] = await Promise.all([
        post(t.url, KEYS.acme, SMALL_READ), repay(t.url, KEYS.acme, plans[0], 'frozen-1'), probe(t.url, '/readyz'), probe(t.url, '/healthz'),
      ]);
    } finally {
      db.thaw();
    }
    recordFigure('frozen database', 'read first answer ms', read.ms);
    recordFigure('frozen database', 'mutation first answer ms', write.ms);
    recordFigure('frozen database', 'readyz ms', ready.ms);
    await untilReady(t.url);
  }, 60_000);

  it('answers a read with 503 within the read deadline', () => {
    expectHonest503(read);
    expect(read.ms).toBeLessThan(READ_MS + 1500);
  });

  it('answers a mutation with 503 within the mutation deadline', () => {
    expectHonest503(write);
    expect(write.ms).toBeLessThan(MUTATION_MS + 1500);
  });

  it('reports not ready within a second', () => {
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(1500);
  });

  it('stays live: /healthz looks at the process only', () => {
    expect(live.status).toBe(200);
    expect(live.ms).toBeLessThan(500);
  });

  it('applies the retried mutation exactly once after the thaw', async () => {
    const first = await repay(t.url, KEYS.acme, plans[0], 'frozen-1');
    const again = await repay(t.url, KEYS.acme, plans[0], 'frozen-1');
    expect(first.code).toBe('ok');
    expect(again.body.data!.recordRepayment.repayment.id).toBe(first.body.data!.recordRepayment.repayment.id);
    expect(await booksAfterFault(t.gateway.db, firstRepaymentId)).toEqual([]);
  });
});

describe('a killed database', () => {
  let read: Awaited<ReturnType<typeof post>>;
  let write: Awaited<ReturnType<typeof post>>;
  let ready: { status: number; ms: number };

  beforeAll(async () => {
    await db.kill();
    try {
      read = await post(t.url, KEYS.acme, SMALL_READ);
      write = await repay(t.url, KEYS.acme, plans[1], 'killed-1');
      ready = await probe(t.url, '/readyz');
    } finally {
      await db.restart();
    }
    recordFigure('killed database', 'read first answer ms', read.ms);
    await untilReady(t.url);
  }, 60_000);

  it('answers a read with 503 SERVICE_UNAVAILABLE', () => {
    expectHonest503(read);
    expect(read.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers a mutation with 503 and retryable', () => {
    expectHonest503(write);
  });

  it('reports not ready', () => {
    expect(ready.status).toBe(503);
  });

  it('serves again after the restart, and the retried mutation applies once', async () => {
    expect((await repay(t.url, KEYS.acme, plans[1], 'killed-1')).code).toBe('ok');
    expect(await booksAfterFault(t.gateway.db, firstRepaymentId)).toEqual([]);
  });
});

describe('a plan row locked by another session past the deadline', () => {
  let locker: mysql.Connection;
  let waiting: Awaited<ReturnType<typeof post>>[];
  let othersMs: number[];

  beforeAll(async () => {
    locker = await mysql.createConnection(db.url);
    const planId = Number(Buffer.from(plans[2], 'base64url').toString('utf8').split(':')[1]);
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [planId]);
    try {
      // Twelve writers on the hot plan while another partner reads: the reads must not wait for them.
      const writers = Promise.all(Array.from({ length: 12 }, (_, i) => repay(t.url, KEYS.acme, plans[2], `locked-${i}`)));
      const others: number[] = [];
      for (let i = 0; i < 20; i++) others.push((await post(t.url, KEYS.globex, SMALL_READ)).ms);
      othersMs = others;
      waiting = await writers;
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    othersMs.sort((a, b) => a - b);
    recordFigure('locked plan row', 'hot plan writer first answer max ms', Math.max(...waiting.map((w) => w.ms)));
    recordFigure('locked plan row', 'others read p50 ms', othersMs[10]);
    recordFigure('locked plan row', 'others read max ms', othersMs[19]);
  }, 60_000);

  it('answers every writer of the locked plan with 503 within the mutation deadline', () => {
    for (const answer of waiting) expectHonest503(answer);
    expect(Math.max(...waiting.map((w) => w.ms))).toBeLessThan(MUTATION_MS + 1500);
  });

  it('refuses writers beyond the per-plan queue at once with PLAN_BUSY', () => {
    const busy = waiting.filter((w) => w.code === 'PLAN_BUSY');
    expect(busy.length).toBeGreaterThanOrEqual(12 - 1 - 4);
    expect(Math.max(...busy.map((w) => w.ms))).toBeLessThan(1000);
  });

  it('keeps other partners fast while the plan is hot', () => {
    expect(othersMs[19]).toBeLessThan(1000);
  });

  it('wrote nothing for the refused writers, and their retries apply once each', async () => {
    for (let i = 0; i < 12; i++) expect((await repay(t.url, KEYS.acme, plans[2], `locked-${i}`)).code).toBe('ok');
    expect(await booksAfterFault(t.gateway.db, firstRepaymentId)).toEqual([]);
  });
});

const REVERSE = `mutation Reverse($input: ReverseRepaymentInput!) {
  reverseRepayment(input: $input) { repayment { id status } userErrors { code message } }
}`;
const reverse = (repaymentId: string, idempotencyKey: string) =>
  post(t.url, KEYS.acme, REVERSE, { input: { repaymentId, idempotencyKey } });

describe('reversals on a plan row locked by another session', () => {
  let locker: mysql.Connection;
  let waiting: Awaited<ReturnType<typeof post>>[];
  const repaymentIds: string[] = [];

  beforeAll(async () => {
    // Six payments on one plan, then six reversals of them while the plan's row is held elsewhere:
    // the input names a repayment, yet the reversals must queue in the plan's lane (PLAN_WRITE_QUEUE 4)
    // instead of each taking a pool connection to wait on the lock.
    for (let i = 0; i < 6; i++) repaymentIds.push((await repay(t.url, KEYS.acme, plans[4], `to-reverse-${i}`)).body.data!.recordRepayment.repayment.id);
    locker = await mysql.createConnection(db.url);
    const planId = Number(Buffer.from(plans[4], 'base64url').toString('utf8').split(':')[1]);
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM plans WHERE id = ? FOR UPDATE', [planId]);
    try {
      waiting = await Promise.all(repaymentIds.map((id, i) => reverse(id, `reverse-${i}`)));
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  }, 60_000);

  it('answers each with 503, and refuses those beyond the plan queue at once with PLAN_BUSY', () => {
    for (const answer of waiting) expectHonest503(answer);
    const busy = waiting.filter((w) => w.code === 'PLAN_BUSY');
    expect(busy.length).toBeGreaterThanOrEqual(6 - 1 - 4);
    expect(Math.max(...busy.map((w) => w.ms))).toBeLessThan(1000);
  });

  it('applies each reversal once when retried with its key', async () => {
    for (let i = 0; i < 6; i++) {
      const answer = await reverse(repaymentIds[i], `reverse-${i}`);
      expect(answer.body.data!.reverseRepayment).toMatchObject({ repayment: { status: 'REVERSED' }, userErrors: [] });
    }
    expect(await booksAfterFault(t.gateway.db, firstRepaymentId)).toEqual([]);
  });
});

describe('the connection lost while COMMIT is in flight', () => {
  let lost: Awaited<ReturnType<typeof post>>;

  beforeAll(async () => {
    commitTrap.armed = true;
    try {
      lost = await repay(t.url, KEYS.acme, plans[3], 'commit-1');
    } finally {
      commitTrap.armed = false;
      db.thaw();
    }
    recordFigure('lost COMMIT', 'first answer ms', lost.ms);
    await untilReady(t.url);
  }, 60_000);

  it('answers 503 OUTCOME_UNKNOWN, retryable with the same key', () => {
    expectHonest503(lost);
    expect(lost.code).toBe('OUTCOME_UNKNOWN');
    expect(lost.ms).toBeLessThan(MUTATION_MS + 1500);
  });

  it('applies the payment exactly once whatever the COMMIT did, when retried with the same key', async () => {
    const retried = await repay(t.url, KEYS.acme, plans[3], 'commit-1');
    const again = await repay(t.url, KEYS.acme, plans[3], 'commit-1');
    expect(retried.code).toBe('ok');
    expect(again.body.data!.recordRepayment.repayment.id).toBe(retried.body.data!.recordRepayment.repayment.id);
    expect(await booksAfterFault(t.gateway.db, firstRepaymentId)).toEqual([]);
  });
});
