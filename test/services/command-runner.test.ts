import 'reflect-metadata';
import { IdempotencyRecord, Partner, Plan, PlanEvent } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { ServiceFault } from '../../src/db/faults';
import { asMinor } from '../../src/engine';
import { seedDemoData } from '../../src/demo/seed';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { CommandCall, CommandRunner, DomainEvent, UnitOfWork } from '../../src/services/lifecycle/command-runner';
import { IDEMPOTENCY_TTL_MS } from '../../src/services/lifecycle/idempotency';
import { refuse } from '../../src/services/lifecycle/user-error';
import { freshDatabaseUrl } from '../support/test-database';

// The command runner on the real database, without HTTP: SQLite, or MariaDB with TEST_DATABASE_URL.

const NOW = new Date('2027-01-15T15:00:00Z');
const actor = { apiKeyId: null, requestId: 'command-runner-test', now: NOW };
let db: Database;
let plan: Plan;
let keys = 0;

beforeAll(async () => {
  db = await openDatabase(await freshDatabaseUrl('command_runner'));
  await migrate(db);
  await seedDemoData(db, NOW, DEFAULT_LENDING_POLICY);
  plan = await db.dataSource.getRepository(Plan).findOneByOrFail({ status: 'ACTIVE' });
});
afterAll(() => db.dataSource.destroy());

/** A runner whose listener keeps what it heard. */
function listened(options: { planWriteQueue?: number } = {}) {
  const runner = new CommandRunner(db, options);
  const committed: DomainEvent[][] = [];
  const replayed: string[] = [];
  runner.subscribe({ committed: (events) => void committed.push([...events]), replayed: (operation) => void replayed.push(operation) });
  return { runner, committed, replayed };
}

const call = (input: unknown, overrides: Partial<CommandCall> = {}): CommandCall => ({
  apiKeyId: 1, operation: 'createPartner', idempotencyKey: `runner-${++keys}`, input, now: NOW, lane: null, ...overrides,
});

/** Inserts a partner named `name` and answers its id, counting its runs. */
function insertPartner(name: string, runs: { n: number }) {
  return async ({ tx }: UnitOfWork) => {
    runs.n += 1;
    return { partnerId: await tx.partners.insert({ name, createdAt: NOW }) };
  };
}

const partnerNamed = (name: string) => db.dataSource.getRepository(Partner).findOneBy({ name });
const recordOf = (key: string) => db.dataSource.getRepository(IdempotencyRecord).findOneBy({ idempotencyKey: key });
const eventsOfPlan = () => db.dataSource.getRepository(PlanEvent).countBy({ planId: plan.id });

/** A write that finishes when the test says so. */
function held() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let started!: () => void;
  const running = new Promise<void>((resolve) => { started = resolve; });
  return { released, release, running, started };
}

describe(CommandRunner.name, () => {
  describe('command', () => {
    it('runs the work once and answers a retry with the same key and input from the record', async () => {
      const { runner, replayed } = listened();
      const runs = { n: 0 };
      const first = call({ name: 'Replayed' });
      const answered = await runner.command(first, insertPartner('Replayed', runs));
      const again = await runner.command({ ...first }, insertPartner('Replayed', runs));
      expect(again).toEqual(answered);
      expect(runs.n).toBe(1);
      expect(replayed).toEqual(['createPartner']);
    });

    it('runs a duplicate sent at the same time once, and answers both alike', async () => {
      const { runner } = listened();
      const runs = { n: 0 };
      const both = call({ name: 'Concurrent' });
      const [a, b] = await Promise.all([runner.command(both, insertPartner('Concurrent', runs)), runner.command({ ...both }, insertPartner('Concurrent', runs))]);
      expect(runs.n).toBe(1);
      expect(a).toEqual(b);
    });

    it('refuses a key used with another input, without running the work', async () => {
      const { runner } = listened();
      const runs = { n: 0 };
      const first = call({ name: 'Reused' });
      await runner.command(first, insertPartner('Reused', runs));
      const reuse = await runner.command({ ...first, input: { name: 'Other' } }, insertPartner('Other', runs));
      expect(reuse).toEqual({ result: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })] });
      expect(runs.n).toBe(1);
      expect(await partnerNamed('Other')).toBeNull();
    });

    it('frees a key whose record expired: the same key with another input runs', async () => {
      const { runner } = listened();
      const runs = { n: 0 };
      const first = call({ name: 'Expired' });
      await runner.command(first, insertPartner('Expired', runs));
      const later = new Date(NOW.getTime() + IDEMPOTENCY_TTL_MS);
      const outcome = await runner.command({ ...first, input: { name: 'After expiry' }, now: later }, insertPartner('After expiry', runs));
      expect(outcome.userErrors).toEqual([]);
      expect(runs.n).toBe(2);
      expect(await partnerNamed('After expiry')).not.toBeNull();
    });

    it('rolls a refused mutation back with its record, so the same key may be used again', async () => {
      const { runner, committed } = listened();
      const first = call({ name: 'Refused' });
      const refused = await runner.command(first, async (uow) => {
        await uow.tx.partners.insert({ name: 'Refused', createdAt: NOW });
        uow.events.plan(actor, plan, 'REPAYMENT_RECORDED', { amount: asMinor(100) });
        return refuse('TAKEN', 'A partner with this name exists', ['input', 'name']);
      });
      expect(refused).toEqual({ result: null, userErrors: [{ code: 'TAKEN', message: 'A partner with this name exists', field: ['input', 'name'] }] });
      expect(await partnerNamed('Refused')).toBeNull();
      expect(await recordOf(first.idempotencyKey)).toBeNull();
      expect(committed).toEqual([]);
      const runs = { n: 0 };
      expect((await runner.command({ ...first }, insertPartner('Refused', runs))).userErrors).toEqual([]);
      expect(runs.n).toBe(1);
    });

    it('refuses a key validation would have refused, before any statement', async () => {
      const { runner } = listened();
      const runs = { n: 0 };
      const outcome = await runner.command(call({ name: 'Bad key' }, { idempotencyKey: '' }), insertPartner('Bad key', runs));
      expect(outcome.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'idempotencyKey'] })]);
      expect(runs.n).toBe(0);
    });

    it('takes the plan\'s lane before the record: a writer beyond the queue is PLAN_BUSY and writes nothing', async () => {
      const { runner } = listened({ planWriteQueue: 0 });
      const first = held();
      const holding = runner.command(call({ n: 1 }, { lane: plan.id }), async () => {
        first.started();
        await first.released;
        return 'first';
      });
      await first.running;
      const busy = call({ n: 2 }, { lane: plan.id });
      await expect(runner.command(busy, async () => 'second')).rejects.toBeInstanceOf(ServiceFault);
      first.release();
      expect((await holding).result).toBe('first');
      expect(await recordOf(busy.idempotencyKey)).toBeNull();
      // The lane is free again once its writer is done.
      expect((await runner.command(call({ n: 3 }, { lane: plan.id }), async () => 'third')).result).toBe('third');
    });
  });

  describe('unitOfWork', () => {
    it('writes the events it recorded in the transaction, and publishes them once it has committed', async () => {
      const { runner, committed } = listened();
      const before = await eventsOfPlan();
      await runner.unitOfWork(async (uow) => {
        uow.events.plan(actor, plan, 'REPAYMENT_RECORDED', { amount: asMinor(2_500) });
        expect(committed).toEqual([]);
      });
      expect(await eventsOfPlan()).toBe(before + 1);
      expect(committed).toEqual([[expect.objectContaining({ kind: 'PLAN_EVENT', type: 'REPAYMENT_RECORDED', amount: 2_500, plan })]]);
    });

    it('writes and publishes nothing of a unit of work that fails', async () => {
      const { runner, committed } = listened();
      const before = await eventsOfPlan();
      await expect(runner.unitOfWork(async (uow) => {
        uow.events.plan(actor, plan, 'REPAYMENT_RECORDED', { amount: asMinor(2_500) });
        throw new Error('fails after recording');
      })).rejects.toThrow('fails after recording');
      expect(await eventsOfPlan()).toBe(before);
      expect(committed).toEqual([]);
    });

    it('refuses an event recorded after its unit of work ended, committed or not', async () => {
      const { runner } = listened();
      let kept: UnitOfWork | undefined;
      await runner.unitOfWork(async (uow) => {
        kept = uow;
      });
      expect(() => kept!.events.plan(actor, plan, 'REPAYMENT_RECORDED', { amount: asMinor(1) })).toThrow(/after its unit of work ended/);
      await expect(runner.unitOfWork(async (uow) => {
        kept = uow;
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(() => kept!.events.decided(actor, { id: 1, merchantId: plan.merchantId, partnerId: plan.partnerId }, true, null)).toThrow(/after its unit of work ended/);
    });

    it('writes and publishes the events of the attempt that committed only, when a lock conflict made it retry', async () => {
      const { runner, committed } = listened();
      const before = await eventsOfPlan();
      let attempts = 0;
      await runner.unitOfWork(async (uow) => {
        uow.events.plan(actor, plan, 'REPAYMENT_RECORDED', { amount: asMinor(700) });
        attempts += 1;
        // A deadlock as MySQL reports it: the whole transaction is tried again.
        if (attempts === 1) throw Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });
      });
      expect(attempts).toBe(2);
      expect(await eventsOfPlan()).toBe(before + 1);
      expect(committed).toHaveLength(1);
      expect(committed[0]).toHaveLength(1);
    });

    it('moves the merchant\'s status counters by what the recorded status changes net to', async () => {
      const { runner } = listened();
      // A counter row at zero counts nothing: left out.
      const counters = async () => new Map([...(await db.repositories.planCounts.snapshot(plan.merchantId)).counters].filter(([, n]) => n !== 0));
      const before = await counters();
      const change = (from: 'ACTIVE' | 'DELINQUENT', to: 'ACTIVE' | 'DELINQUENT') => (uow: UnitOfWork) =>
        uow.events.plan(actor, plan, 'STATUS_CHANGED', { from, to });
      await runner.unitOfWork(async (uow) => change('ACTIVE', 'DELINQUENT')(uow));
      const moved = new Map(before).set('ACTIVE', before.get('ACTIVE')! - 1).set('DELINQUENT', (before.get('DELINQUENT') ?? 0) + 1);
      expect(await counters()).toEqual(moved);
      await runner.unitOfWork(async (uow) => {
        change('DELINQUENT', 'ACTIVE')(uow);
        change('ACTIVE', 'DELINQUENT')(uow);
        change('DELINQUENT', 'ACTIVE')(uow);
      });
      expect(await counters()).toEqual(before);
    });
  });
});
