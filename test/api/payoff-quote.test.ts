import fc from 'fast-check';
import { Plan } from '../../entities';
import {
  MerchantsDocument, PlanDocument, RecordRepaymentDocument, RefundPlanDocument, ReverseRepaymentDocument,
} from '../../schema/generated/graphql';
import { fromGlobalId } from '../../resolvers/common/global-id';
import { addDays, formatAmount, parseAmount } from '../../src/engine';
import { ledgerArgs } from '../../src/services/ledger-args';
import { command } from '../engine/servicer';
import { leastSettling, payOn } from '../engine/settling-payment';
import { capturedPlan as captured } from '../support/captured-plan';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { bookProblems } from '../support/invariants';
import { postQuery } from '../support/raw-http';

// Issue 25 item 6 over GraphQL, on SQLite and MariaDB (TEST_DATABASE_URL): Plan.payoffQuote(asOf:) is
// what recordRepayment with that amount and effectiveDate takes to settle the plan, or it is refused
// (BAD_USER_INPUT on asOf) with the userError code that payment gets. test/engine/payoff-quote.test.ts
// proves it over thousands of histories on the engine; these run fewer, through every layer.
const RUNS = process.env.CI === 'true' ? 40 : 20;
const CAPTURE = '2027-01-15T15:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;
let t: TestGateway;
let usdMerchant: string;
let key = 0;
const nextKey = () => `payoff-quote-${++key}`;
const acme = () => t.client(KEYS.acme);
const usd = (amount: string) => ({ amount, currency: 'USD' as const });

beforeAll(async () => {
  t = await startTestGateway('payoff_quote', { now: CAPTURE });
  const { merchants } = await acme().request(MerchantsDocument, { first: 10 });
  usdMerchant = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
});
afterAll(() => t.close());

const capturedPlan = (amount: string, kind: 'PAY_IN_4' | 'INSTALLMENTS', termCount: number): Promise<string> =>
  captured(acme(), usdMerchant, { amount, kind, termCount, key: nextKey() });

/** recordRepayment's answer: the repayment's id, or the first userError's code. */
async function pay(planId: string, amount: string, effectiveDate?: string): Promise<{ id: string } | { code: string }> {
  const { recordRepayment } = await acme().request(RecordRepaymentDocument, { input: { planId, amount: usd(amount), effectiveDate, idempotencyKey: nextKey() } });
  return recordRepayment.repayment ? { id: recordRepayment.repayment.id } : { code: recordRepayment.userErrors[0].code };
}

const QUOTE = 'query Quote($id: ID!, $asOf: Date) { plan(id: $id) { payoffQuote(asOf: $asOf) { amount } } }';

/** Plan.payoffQuote(asOf:) as a partner reads it: the amount, or the refusal's extensions (and the HTTP status). */
async function quote(planId: string, asOf: string): Promise<{ amount: string } | { refused: Record<string, unknown>; status: number }> {
  const response = await postQuery(t.url, KEYS.acme, QUOTE, { id: planId, asOf });
  const error = response.body.errors?.[0];
  if (error) return { refused: { ...error.extensions, path: (error as { path?: unknown }).path }, status: response.status };
  return { amount: (response.body.data as { plan: { payoffQuote: { amount: string } } }).plan.payoffQuote.amount };
}

const read = async (id: string) => (await acme().request(PlanDocument, { id })).plan!;

describe('Plan.payoffQuote(asOf:) before money that moved later', () => {
  afterEach(async () => expect(await bookProblems(t.gateway.db)).toEqual([]));

  it('counts a refund recorded today: 100.00 pay in 4, 25.00 paid, 50.00 refunded on 02-13; on 01-20 the quote is 25.00 and paying it settles the plan', async () => {
    t.setNow(CAPTURE);
    const planId = await capturedPlan('100.00', 'PAY_IN_4', 4);
    expect(await pay(planId, '25.00')).toHaveProperty('id');
    t.setNow('2027-02-13T15:00:00Z');
    const { refundPlan } = await acme().request(RefundPlanDocument, { input: { planId, amount: usd('50.00'), idempotencyKey: nextKey() } });
    expect(refundPlan.userErrors).toEqual([]);
    // Before, the quote ignored the later refund (75.00) and recordRepayment refused it: 50.00 would have been held.
    expect(await quote(planId, '2027-01-20')).toEqual({ amount: '25.00' });
    expect(await pay(planId, '25.00', '2027-01-20')).toHaveProperty('id');
    expect(await read(planId)).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
  });

  it('is refused on asOf, with the code recordRepayment answers, when no payment that day settles the plan', async () => {
    // docs/money.md: 1,000.00 at 15%, paid off on 01-25, 400.00 refunded on 01-30 (401.64 handed back), the payoff bounces.
    t.setNow(CAPTURE);
    const planId = await capturedPlan('1000.00', 'INSTALLMENTS', 12);
    t.setNow('2027-01-25T15:00:00Z');
    const paid = await pay(planId, '1004.11');
    t.setNow('2027-01-30T15:00:00Z');
    await acme().request(RefundPlanDocument, { input: { planId, amount: usd('400.00'), idempotencyKey: nextKey() } });
    const { reverseRepayment } = await acme().request(ReverseRepaymentDocument, { input: { repaymentId: (paid as { id: string }).id, idempotencyKey: nextKey() } });
    expect(reverseRepayment.userErrors).toEqual([]);
    // On 01-20 the plan took at most 1,002.05; settling it would take 600.00 + 5 days on it + the 401.64 handed back.
    const refused = await postQuery(t.url, KEYS.acme, QUOTE, { id: planId, asOf: '2027-01-20' });
    expect([refused.status, refused.body]).toEqual([200, {
      data: { plan: null }, extensions: expect.anything(),
      errors: [{
        message: expect.stringMatching(/^No payment effective 2027-01-20 settles the plan: .*\(AMOUNT_EXCEEDS_BALANCE\)/),
        locations: expect.any(Array), path: ['plan', 'payoffQuote'],
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'asOf', userErrorCode: 'AMOUNT_EXCEEDS_BALANCE' },
      }],
    }]);
    expect(await pay(planId, '1002.87', '2027-01-20')).toEqual({ code: 'AMOUNT_EXCEEDS_BALANCE' });
    // The day before the refund: 600.00 + 14 days on it (3.45) + 401.64, which settles the plan.
    expect(await quote(planId, '2027-01-29')).toEqual({ amount: '1005.09' });
    expect(await pay(planId, '1005.09', '2027-01-29')).toHaveProperty('id');
    expect(await read(planId)).toMatchObject({ status: 'PAID_OFF', balance: { amount: '0.00' } });
  });
});

const offer = fc.constantFrom(['PAY_IN_4', 4, '100.00'] as const, ['INSTALLMENTS', 12, '1000.00'] as const, ['INSTALLMENTS', 24, '2500.00'] as const);

/** What the quotes were, over every history. */
const seen: Record<string, number> = {};
const count = (what: string) => { seen[what] = (seen[what] ?? 0) + 1; };

describe('Plan.payoffQuote(asOf:) over random histories', () => {
  afterAll(() => console.log(`payoff quotes over the API on ${t.gateway.db.driver}: ${JSON.stringify(seen)}`));

  it('paying the quote with that effectiveDate settles the plan (balance 0.00); a refused quote names the code that payment gets', async () => {
    // The engine properties' histories (servicer.ts), run through GraphQL: a payoff is the quote checked and paid.
    await fc.assert(fc.asyncProperty(offer, fc.array(command, { minLength: 2, maxLength: 9 }), fc.double({ min: 0, max: 1, noNaN: true }), async ([kind, termCount, amount], history, last) => {
      let now = new Date(CAPTURE).getTime();
      t.setNow(CAPTURE);
      const planId = await capturedPlan(amount, kind, termCount);
      const today = () => new Date(now).toISOString().slice(0, 10);
      const backdated = (days: number) => (addDays(today(), -days) < '2027-01-15' ? '2027-01-15' : addDays(today(), -days));
      /** Quotes on other days, read and held against the engine-level oracle on the stored books (not paid: one payment settles the plan). */
      const checkOtherQuotes = async (): Promise<void> => {
        const books = await storedBooks(planId);
        const days = new Set(['2027-01-15', ...books.events.flatMap((e) => [e.date, addDays(e.date, -1)]).filter((d) => d >= '2027-01-15')]);
        for (const asOf of days) {
          const quoted = await quote(planId, asOf);
          const least = leastSettling(books, asOf);
          const paid = least === 0 ? null : payOn(books, asOf, least);
          count('read and held against the oracle');
          if ('refused' in quoted) expect([asOf, quoted.refused.userErrorCode]).toEqual([asOf, paid && 'code' in paid ? paid.code : 'a payment that settles']);
          else expect([asOf, quoted.amount]).toEqual([asOf, paid && 'code' in paid ? `refused ${paid.code}` : formatAmount(least, 'USD')]);
        }
      };
      /** The quote checked as the property says, paid when there is something to pay. */
      const checkQuote = async (asOf: string): Promise<void> => {
        await checkOtherQuotes();
        const quoted = await quote(planId, asOf);
        if ('refused' in quoted) {
          count(`refused ${String(quoted.refused.userErrorCode)}`);
          expect(quoted.refused).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'asOf' });
          // The payment that would settle the plan, found on the stored books by the engine-level oracle, gets that code.
          const books = await storedBooks(planId);
          const least = leastSettling(books, asOf);
          expect(await pay(planId, formatAmount(least, 'USD'), asOf)).toEqual({ code: quoted.refused.userErrorCode });
          return;
        }
        if (quoted.amount === '0.00') {
          count('nothing owed');
          expect((await read(planId)).balance.amount).toBe('0.00');
          return;
        }
        count(asOf === today() ? 'paid today' : 'paid backdated');
        expect([asOf, await pay(planId, quoted.amount, asOf)]).toEqual([asOf, { id: expect.any(String) }]);
        const plan = await read(planId);
        expect([asOf, plan.balance.amount, ['PAID_OFF', 'REFUNDED', 'CHARGED_OFF'].includes(plan.status)]).toEqual([asOf, '0.00', true]);
      };
      for (const c of history) {
        if (c.kind === 'wait') {
          now += c.days * DAY_MS;
          t.setNow(new Date(now).toISOString());
        } else if (c.kind === 'pay' && c.how === 'payoff') {
          await checkQuote(backdated(c.back));
        } else if (c.kind === 'pay') {
          const owed = parseAmount((await read(planId)).payoffQuote.amount, 'USD');
          if (owed > 0) await pay(planId, formatAmount(1 + Math.floor(c.share * (owed - 1)), 'USD'), backdated(c.back));
        } else if (c.kind === 'refund') {
          const plan = await read(planId);
          const room = parseAmount(plan.principal.amount, 'USD') - parseAmount(plan.refundedAmount.amount, 'USD');
          if (room > 0) await acme().request(RefundPlanDocument, { input: { planId, amount: usd(formatAmount(1 + Math.floor(c.share * (room - 1)), 'USD')), idempotencyKey: nextKey() } });
        } else {
          const standing = (await read(planId)).repayments.nodes.filter((r) => r.status === 'SUCCEEDED');
          const chosen = standing[Math.floor(c.share * standing.length)];
          if (chosen) await acme().request(ReverseRepaymentDocument, { input: { repaymentId: chosen.id, idempotencyKey: nextKey() } });
        }
      }
      // And once more at the end, on a day between the capture and today.
      await checkQuote(backdated(Math.floor(last * (now - new Date(CAPTURE).getTime()) / DAY_MS)));
      expect(await bookProblems(t.gateway.db, [fromGlobalId(planId, 'Plan')!.id])).toEqual([]);
    }), { numRuns: RUNS });
    expect(Object.keys(seen)).toEqual(expect.arrayContaining(['paid today', 'paid backdated']));
  }, 600_000);
});

/** The plan's books as stored, as the services replay them. */
async function storedBooks(planId: string) {
  const id = fromGlobalId(planId, 'Plan')!.id;
  const repositories = t.gateway.db.repositories;
  const [plan] = await repositories.reads.byIds(Plan, [id], null);
  return ledgerArgs(plan!, await repositories.books.repaymentsOf(id), await repositories.books.refundsOf(id));
}
