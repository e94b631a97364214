import fc from 'fast-check';
import { Merchant, Plan } from '../../entities';
import type { Repositories } from '../../src/db/repositories';
import { addDays, formatAmount } from '../../src/engine';
import { createApplicationInTx } from '../../src/services/lifecycle/application.service';
import { commandContext, CommandContext } from '../../src/services/lifecycle/command-context';
import { payoffQuoteOf } from '../../src/services/ledger-args';
import { PlanBooks } from '../../src/services/lifecycle/plan-books';
import {
  acceptOfferInTx, capturePlanInTx, recordRepaymentInTx, refundPlanInTx, reverseRepaymentInTx,
} from '../../src/services/lifecycle/plan.service';
import type { UnitOfWork } from '../../src/services/lifecycle/command-runner';
import { MutationRefused } from '../../src/services/lifecycle/user-error';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';
import { startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';

// Refunds and reversals in any order, through the services on the real database (SQLite, or MariaDB
// with TEST_DATABASE_URL): random histories on pay-in-4 and monthly plans, the stored books checked
// after every command (test/support/invariants.ts), and a payoff at the end that must settle the plan
// with the shopper having paid, net of the cash refunds handed back, the principal kept plus the
// interest charged. The engine's properties (test/engine/refund-reversal.test.ts) run 2,000 histories
// in CI; these run fewer, each costing a few dozen statements per command.
const RUNS = process.env.CI === 'true' ? 60 : 25;
const START = '2027-01-15T15:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const policy = DEFAULT_LENDING_POLICY;
let t: TestGateway;
let merchantId: number;

const db = () => t.gateway.db;
const runner = () => t.gateway.runner;
const ctxAt = (now: Date): CommandContext => commandContext(policy, now, { partnerId: null, apiKeyId: null, requestId: 'refund-reversal-histories' });
const money = (minor: number) => ({ amount: formatAmount(minor, 'USD'), currency: 'USD' as const });
const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

beforeAll(async () => {
  t = await startTestGateway('refund_reversal_histories', { now: START });
  merchantId = (await db().dataSource.getRepository(Merchant).findOneByOrFail({ currency: 'USD' })).id;
});
afterAll(() => t.close());

type Command =
  | { kind: 'pay'; how: 'next' | 'part' | 'payoff'; share: number; back: number }
  | { kind: 'refund'; share: number } | { kind: 'reverse'; share: number } | { kind: 'wait'; days: number };
const share = fc.double({ min: 0, max: 1, noNaN: true });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), how: fc.constantFrom('next' as const, 'part' as const, 'payoff' as const), share, back: fc.oneof(fc.constant(0), fc.nat(20)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), share: fc.oneof(share, fc.double({ min: 0.8, max: 1, noNaN: true })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), share }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.nat(40) }) },
);
// The demo programs: pay in 4 at 0%, 6 months at 0%, 12 at 15.00%, 24 at 29.99%.
const planTerms = fc.record({
  offer: fc.constantFrom(['PAY_IN_4', 4] as const, ['INSTALLMENTS', 6] as const, ['INSTALLMENTS', 12] as const, ['INSTALLMENTS', 24] as const),
  cents: fc.integer({ min: 10_000, max: 100_000 }),
});

let opened = 0;
async function openPlan(uow: UnitOfWork, ctx: CommandContext, offer: readonly [string, number], cents: number): Promise<number> {
  const { applicationId } = await createApplicationInTx(uow, ctx, {
    merchantId, amount: money(cents),
    applicant: { firstName: 'Ref', lastName: 'Und', email: `refund-reversal${opened++}@example.com`, creditScore: 800 },
  });
  const chosen = (await uow.tx.applications.offersOf(applicationId)).find((o) => o.kind === offer[0] && o.termCount === offer[1])!;
  const { planId } = await acceptOfferInTx(uow, ctx, { applicationId, offerId: chosen.id });
  await capturePlanInTx(uow, ctx, { planId });
  return planId;
}

async function planOf(repositories: Repositories, planId: number): Promise<Plan> {
  const [plan] = await repositories.reads.byIds(Plan, [planId], null);
  if (!plan) throw new Error(`plan ${planId} not found`);
  return plan;
}

/** The most a payment effective `date` may be, from the stored books, as recordRepayment checks it. */
async function largestOn(repositories: Repositories, planId: number, date: string): Promise<number> {
  return (await PlanBooks.load(repositories, await planOf(repositories, planId))).largestRepaymentOn(date);
}

/** The plan's payoff quote on `asOf`, from its stored books, as Plan.payoffQuote answers it (refused: a test failure). */
async function quoteOn(repositories: Repositories, planId: number, asOf: string): Promise<number> {
  const quote = payoffQuoteOf(await planOf(repositories, planId), await repositories.books.repaymentsOf(planId), await repositories.books.refundsOf(planId), asOf);
  if ('refused' in quote) throw new Error(`payoff quote on ${asOf} refused: ${quote.refused.message}`);
  return quote.amount;
}

/** What the histories exercised. */
const seen = { histories: 0, accepted: 0, cashReturned: 0, reversedAfterCashReturned: 0 };

/** Runs one command as of `now`; true when it was accepted, false when refused (nothing written). */
async function run(c: Command, planId: number, now: Date): Promise<boolean> {
  const ctx = ctxAt(now);
  const work = async (uow: UnitOfWork): Promise<unknown> => {
    const { tx } = uow;
    if (c.kind === 'reverse') {
      const standing = (await tx.books.repaymentsOf(planId)).filter((r) => r.status === 'SUCCEEDED');
      const chosen = standing[Math.floor(c.share * standing.length)];
      if (!chosen) return null;
      if ((await tx.books.refundsOf(planId)).some((r) => r.creditReturned > 0)) seen.reversedAfterCashReturned += 1;
      return reverseRepaymentInTx(uow, ctx, { repaymentId: chosen.id });
    }
    if (c.kind === 'refund') {
      const plan = await planOf(tx, planId);
      const room = plan.principal - plan.refundedAmount;
      if (room === 0) return null;
      const refunded = await refundPlanInTx(uow, ctx, { planId, amount: money(1 + Math.floor(c.share * (room - 1))) });
      if (refunded.snapshot!.refund!.creditReturned > 0) seen.cashReturned += 1;
      return refunded;
    }
    if (c.kind !== 'pay') return null;
    const back = addDays(ctx.today, -c.back);
    const plan = await planOf(tx, planId);
    const effectiveDate = back < plan.capturedOn! ? plan.capturedOn! : back;
    const most = await largestOn(tx, planId, effectiveDate);
    const next = (await tx.books.installmentsOf(planId)).find((r) => r.amountPaid < r.amountDue);
    const amount = c.how === 'payoff' || !next ? most : c.how === 'next' ? Math.min(most, next.amountDue - next.amountPaid) : 1 + Math.floor(c.share * (most - 1));
    return amount > 0 ? recordRepaymentInTx(uow, ctx, { planId, amount: money(amount), effectiveDate }) : null;
  };
  return runner().unitOfWork(work).then((done) => done !== null, (error: unknown) => {
    if (!(error instanceof MutationRefused)) throw error;
    if (c.kind === 'reverse') throw new Error(`a reversal was refused: ${error.message}`); // a bounced payment is a fact
    return false;
  });
}

describe('refunds and reversals in any order, on the database', () => {
  afterAll(() => console.log(`refunds and reversals on ${db().driver}: ${JSON.stringify(seen)}`));

  it('keep every cent on the books after every command, and paying off settles the plan at principal kept + interest, net of cash handed back', async () => {
    await fc.assert(fc.asyncProperty(planTerms, fc.array(command, { minLength: 3, maxLength: 12 }), async ({ offer, cents }, history) => {
      let now = new Date(START);
      seen.histories += 1;
      const planId = await runner().unitOfWork((uow) => openPlan(uow, ctxAt(now), offer, cents));
      for (const c of history) {
        if (c.kind === 'wait') now = new Date(now.getTime() + c.days * DAY_MS);
        else if (await run(c, planId, now)) seen.accepted += 1;
        expect(await bookProblems(db(), [planId])).toEqual([]);
      }
      const today = ctxAt(now).today;
      const m = db().repositories;
      if (await quoteOn(m, planId, today) > 0) expect(await run({ kind: 'pay', how: 'payoff', share: 1, back: 0 }, planId, now)).toBe(true);
      const [plan, rows, repayments, refunds] = await Promise.all([
        planOf(m, planId), m.books.installmentsOf(planId), m.books.repaymentsOf(planId), m.books.refundsOf(planId),
      ]);
      const succeeded = repayments.filter((r) => r.status === 'SUCCEEDED');
      expect([sum(rows.map((r) => r.amountDue - r.amountPaid)), await quoteOn(m, planId, today)]).toEqual([0, 0]);
      expect(['PAID_OFF', 'REFUNDED', 'CHARGED_OFF']).toContain(plan.status);
      const net = sum(succeeded.map((r) => r.amount)) - sum(refunds.map((r) => r.creditReturned));
      expect(net).toBe(plan.principal - plan.refundedAmount + sum(rows.map((r) => r.interest)));
      expect(await bookProblems(db(), [planId])).toEqual([]);
    }), { numRuns: RUNS });
  }, 600_000);
});
