import fc from 'fast-check';
import { Application, IdempotencyRecord, Installment, Merchant, Plan, PlanEvent } from '../../entities';
import { addDays, nextStatusCheckOn, planStatusAt } from '../../src/engine';
import { createApplicationInTx } from '../../src/services/lifecycle/application.service';
import { purgeExpiredIdempotencyRecords } from '../../src/services/lifecycle/idempotency';
import { commandContext, CommandContext } from '../../src/services/lifecycle/command-context';
import { runMaintenance } from '../../src/services/lifecycle/maintenance';
import {
  acceptOfferInTx, capturePlanInTx, recordRepaymentInTx, refundPlanInTx, reverseRepaymentInTx, voidPlanInTx,
} from '../../src/services/lifecycle/plan.service';
import { sweepStatuses } from '../../src/services/lifecycle/status-sweep';
import type { UnitOfWork } from '../../src/services/lifecycle/command-runner';
import { MutationRefused } from '../../src/services/lifecycle/user-error';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';
import { addCapturedPlans } from '../support/portfolio';

// The sweep costs what is due, not the portfolio: plans carry the date their status may next change
// (plans.nextStatusCheckOn), every write keeps it, and the sweep reads only what has come due.

const START = '2027-01-15T15:00:00Z';
const policy = DEFAULT_LENDING_POLICY;
const DAY_MS = 24 * 60 * 60 * 1000;
let t: TestGateway;
let usdMerchantId: number;

const db = () => t.gateway.db;
const runner = () => t.gateway.runner;
const at = (iso: string, days = 0) => new Date(new Date(iso).getTime() + days * DAY_MS);
const ctxAt = (now: Date): CommandContext => commandContext(policy, now, { partnerId: null, apiKeyId: null, requestId: 'status-sweep-test' });
const transactionsIn = (statements: string[]) => statements.filter((s) => /^(START|BEGIN)/i.test(s.trim())).length;

beforeAll(async () => {
  t = await startTestGateway('status_sweep', { now: START });
  usdMerchantId = (await db().dataSource.getRepository(Merchant).findOneByOrFail({ currency: 'USD' })).id;
});
afterEach(async () => expect(await bookProblems(db())).toEqual([]));
afterAll(() => t.close());

async function plansWithRows(ids?: number[]) {
  const plans = await db().dataSource.getRepository(Plan).find({ order: { id: 'ASC' } });
  const rows = await db().dataSource.getRepository(Installment).find();
  return plans.filter((p) => !ids || ids.includes(p.id)).map((plan) => ({ plan, rows: rows.filter((r) => r.planId === plan.id) }));
}

/**
 * Plans whose stored next-check date (and, after a sweep, status) is not what the one function says
 * as of `now`. A command may leave a status for the sweep to store (a reversal reopening a plan long
 * past due leaves charging it off to the sweep); then its next check is today.
 */
async function drift(now: Date, ids?: number[], options: { status: boolean } = { status: true }) {
  const ctx = ctxAt(now);
  return (await plansWithRows(ids))
    .filter(({ plan, rows }) => (options.status && plan.status !== planStatusAt(plan, rows, ctx, policy))
      || plan.nextStatusCheckOn !== nextStatusCheckOn(plan, rows, ctx, policy))
    .map(({ plan }) => ({ id: plan.id, status: plan.status, nextStatusCheckOn: plan.nextStatusCheckOn }));
}

describe(sweepStatuses.name, () => {
  it('leaves every plan of the seeded portfolio with the status and next-check date the one function gives', async () => {
    await sweepStatuses(runner(), at(START), policy);
    expect(await drift(at(START))).toEqual([]);
  });

  it('issues the same few statements idle over the demo portfolio and over 150 plans more', async () => {
    await runMaintenance(runner(), at(START), policy);
    t.sql.reset();
    await runMaintenance(runner(), at(START), policy);
    const idle = [...t.sql.statements];
    await addCapturedPlans(db(), usdMerchantId, 150, at(START));
    await runMaintenance(runner(), at(START), policy);
    t.sql.reset();
    await runMaintenance(runner(), at(START), policy);
    // The due plans, the expired applications, the expired idempotency records: nothing written, no transaction.
    expect(t.sql.statements).toEqual(idle);
    expect(idle.length).toBeLessThanOrEqual(3);
    expect(transactionsIn(idle)).toBe(0);
  });

  it('moves every plan that came due in batched transactions, each with exactly one event', async () => {
    const day = at(START, 44); // capture + 14 days (second installment) + 30 days past due
    const captured = (await db().dataSource.getRepository(Plan).find({ where: { merchantId: usdMerchantId, status: 'ACTIVE' } }))
      .filter((p) => p.capturedOn === '2027-01-15');
    expect(captured.length).toBeGreaterThanOrEqual(150);
    const ctx = ctxAt(day);
    const due = (await plansWithRows()).filter(({ plan, rows }) => plan.status !== planStatusAt(plan, rows, ctx, policy));
    const lapsing = (await db().dataSource.getRepository(Application).findBy({ status: 'APPROVED' })).filter((a) => a.expiresAt <= day);
    t.sql.reset();
    const changed = await sweepStatuses(runner(), day, policy, 50);
    expect(changed).toBe(due.length + lapsing.length);
    expect(transactionsIn(t.sql.statements)).toBe(Math.ceil(due.length / 50) + Math.ceil(lapsing.length / 50));
    const events = await db().dataSource.getRepository(PlanEvent).find({ where: { createdAt: day } });
    expect(events.filter((e) => captured.some((p) => p.id === e.planId)).map((e) => [e.type, e.fromStatus, e.toStatus]))
      .toEqual(captured.map(() => ['STATUS_CHANGED', 'ACTIVE', 'DELINQUENT']));
    expect(await drift(day)).toEqual([]);
  });

  it('reads a plan again only when its next check comes: a second sweep the same day changes nothing', async () => {
    const day = at(START, 44);
    t.sql.reset();
    expect(await sweepStatuses(runner(), day, policy, 50)).toBe(0);
    expect(transactionsIn(t.sql.statements)).toBe(0);
  });

  it('corrects a stale next-check date (as the upgrade leaves them) without changing the status or writing an event', async () => {
    const day = at(START, 44);
    const plan = (await db().dataSource.getRepository(Plan).findOneByOrFail({ status: 'DELINQUENT' }));
    await db().dataSource.getRepository(Plan).update(plan.id, { nextStatusCheckOn: '1970-01-01' });
    const events = await db().dataSource.getRepository(PlanEvent).countBy({ planId: plan.id });
    expect(await sweepStatuses(runner(), day, policy)).toBe(0);
    expect(await drift(day, [plan.id])).toEqual([]);
    expect(await db().dataSource.getRepository(PlanEvent).countBy({ planId: plan.id })).toBe(events);
  });
});

/** One step of a random history: a command on one of the history's plans, or the clock moving on. */
type Step =
  | { kind: 'open'; capture: boolean } | { kind: 'pay'; plan: number; cents: number; daysBack: number }
  | { kind: 'refund'; plan: number; cents: number } | { kind: 'reverse'; plan: number } | { kind: 'void'; plan: number }
  | { kind: 'wait'; days: number } | { kind: 'sweep' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), capture: fc.boolean() }),
  fc.record({ kind: fc.constant('pay' as const), plan: fc.nat(5), cents: fc.integer({ min: 1, max: 40_000 }), daysBack: fc.nat(20) }),
  fc.record({ kind: fc.constant('refund' as const), plan: fc.nat(5), cents: fc.integer({ min: 1, max: 40_000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), plan: fc.nat(5) }),
  fc.record({ kind: fc.constant('void' as const), plan: fc.nat(5) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 70 }) }),
  fc.constant({ kind: 'sweep' as const }),
);

async function openPlan(uow: UnitOfWork, ctx: CommandContext, n: number, capture: boolean): Promise<number> {
  const { applicationId } = await createApplicationInTx(uow, ctx, {
    merchantId: usdMerchantId, amount: { amount: '400.00', currency: 'USD' },
    applicant: { firstName: 'Prop', lastName: 'Erty', email: `property${n}@example.com`, creditScore: 800 },
  });
  const offer = (await uow.tx.applications.offersOf(applicationId)).find((o) => o.kind === 'PAY_IN_4')!;
  const { planId } = await acceptOfferInTx(uow, ctx, { applicationId, offerId: offer.id });
  if (capture) await capturePlanInTx(uow, ctx, { planId });
  return planId;
}

const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currency: 'USD' as const });

async function apply(s: Step, now: Date, plans: number[], opened: { n: number }): Promise<number | null> {
  const ctx = ctxAt(now);
  const pick = (i: number) => plans[i % plans.length];
  if (s.kind !== 'open' && plans.length === 0) return null;
  return runner().unitOfWork(async (uow) => {
    switch (s.kind) {
      case 'open': return openPlan(uow, ctx, opened.n++, s.capture);
      case 'pay': return (await recordRepaymentInTx(uow, ctx, { planId: pick(s.plan), amount: money(s.cents), effectiveDate: addDays(ctx.today, -s.daysBack) })).planId;
      case 'refund': return (await refundPlanInTx(uow, ctx, { planId: pick(s.plan), amount: money(s.cents) })).planId;
      case 'void': return (await voidPlanInTx(uow, ctx, { planId: pick(s.plan) })).planId;
      case 'reverse': {
        const repayment = (await uow.tx.books.repaymentsOf(pick(s.plan))).filter((r) => r.status === 'SUCCEEDED').at(-1);
        return repayment ? (await reverseRepaymentInTx(uow, ctx, { repaymentId: repayment.id })).planId : null;
      }
      default: return null;
    }
  }).catch((error: unknown) => {
    if (error instanceof MutationRefused) return null; // refused: nothing written
    throw error;
  });
}

describe(nextStatusCheckOn.name, () => {
  const opened = { n: 0 };
  let run = 0;
  it('is what every write path stores: after any command the plan it wrote holds the function\'s value, after a sweep every plan does', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
      // Each history starts after the last one ended: the clock only moves forward.
      let now = at(START, 200 + 1_000 * run++);
      const plans: number[] = [];
      for (const s of steps) {
        if (s.kind === 'wait') now = at(now.toISOString(), s.days);
        if (s.kind === 'sweep') {
          await sweepStatuses(runner(), now, policy, 2);
          expect(await drift(now, plans)).toEqual([]);
        }
        const written = await apply(s, now, plans, opened);
        if (written === null) continue;
        if (s.kind === 'open') plans.push(written);
        expect(await drift(now, [written], { status: false })).toEqual([]);
      }
      // The books of this history's plans, here so that a failure comes with its (shrunk) history.
      expect((await bookProblems(db())).filter((problem) => plans.some((id) => problem.startsWith(`plan ${id}:`) || problem.startsWith(`plan ${id} `))))
        .toEqual([]);
    }), { numRuns: 12 });
  }, 120_000);
});

describe(purgeExpiredIdempotencyRecords.name, () => {
  it('deletes every expired record in batches and keeps the live ones', async () => {
    const now = at(START, 5_000);
    const record = (k: number, expiresAt: Date) => ({
      apiKeyId: 1, idempotencyKey: `purge-${k}`, operation: 'recordRepayment', requestHash: 'h', response: '{}', createdAt: now, expiresAt,
    });
    const records = db().dataSource.getRepository(IdempotencyRecord);
    await records.insert([
      ...Array.from({ length: 7 }, (_, k) => record(k, at(now.toISOString(), -1 - k))),
      ...Array.from({ length: 3 }, (_, k) => record(100 + k, at(now.toISOString(), 1))),
    ]);
    t.sql.reset();
    expect(await purgeExpiredIdempotencyRecords(db(), now, 3)).toBe(7);
    expect(t.sql.statements.filter((q) => /^DELETE/i.test(q.trim()))).toHaveLength(3);
    expect((await records.find({ where: { apiKeyId: 1 } })).filter((r) => r.idempotencyKey.startsWith('purge-')).map((r) => r.idempotencyKey).sort())
      .toEqual(['purge-100', 'purge-101', 'purge-102']);
  });
});
