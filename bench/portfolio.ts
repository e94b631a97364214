// The benchmark's portfolio as plain rows, built with the engine so every figure is what the
// services would have written: schedules, replayed installments, allocations, fees, disclosed APR.
// Deterministic: the same `today` gives the same rows, so runs are comparable.
import {
  addDays, buildOffer, daysPastDue, LedgerEvent, statusForDaysPastDue, merchantFee, parseRate, replayLedger, type ProgramKind,
} from '../src/engine';
import { hashApiKey } from '../src/auth/api-key-hash';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { nextStatusCheckOn } from '../src/engine';
import type { Installment, Plan } from '../entities';

/** The PARTNER key the benchmark sends. Production refuses demo (`test_`) keys, so it has its own. */
export const BENCH_API_KEY = 'tnr_live_bench_0000000000000000000000000000';

export const BIG_MERCHANT_ID = 1;
export const BIG_MERCHANT_PLANS = 10_000;
export const SMALL_MERCHANTS = 200;
const PLANS_PER_SMALL_MERCHANT = 5;
/** Plans that receive the timed repayments: one pool per server, twins plan by plan. */
export const REPAYMENT_POOL_SIZE = 2_000;
export const TENOR_POOL_MERCHANT_ID = 2;
export const BASELINE_POOL_MERCHANT_ID = 3;
/** Small merchants whose fresh shoppers the checkout scenario applies for, one per server. */
export const TENOR_CHECKOUT_MERCHANT_ID = 4;
export const BASELINE_CHECKOUT_MERCHANT_ID = 5;

export interface ProgramSpec { kind: ProgramKind; termCount: number; aprBps: number; merchantFeeBps: number }
export const PAY_IN_4: ProgramSpec = { kind: 'PAY_IN_4', termCount: 4, aprBps: 0, merchantFeeBps: 500 };
const MONTHLY_12: ProgramSpec = { kind: 'INSTALLMENTS', termCount: 12, aprBps: 1500, merchantFeeBps: 300 };
const MONTHLY_24: ProgramSpec = { kind: 'INSTALLMENTS', termCount: 24, aprBps: 2999, merchantFeeBps: 200 };

export type Row = Record<string, string | number | Date | null>;
export type Tables = Record<string, Row[]>;

export interface PlanSpec { merchantId: number; program: ProgramSpec; amount: number; capturedOn: string; payments: { amount: number; date: string }[] }

const TABLE_ORDER = [
  'partners', 'api_keys', 'merchants', 'financing_programs', 'applications', 'offers', 'plans', 'installments',
  'repayments', 'repayment_allocations', 'plan_events',
] as const;

/** Tables in foreign-key order, empty: what each chunk of a seed fills. */
export const emptyTables = (): Tables => Object.fromEntries(TABLE_ORDER.map((t) => [t, []]));

/** The ids the next plan's rows take, shared by every chunk of one seed. */
export type RowIds = Record<'plan' | 'installment' | 'repayment' | 'allocation' | 'event', number>;
export const firstRowIds = (): RowIds => ({ plan: 0, installment: 0, repayment: 0, allocation: 0, event: 0 });

/** Every row of the portfolio, by table, in foreign-key order. */
export function buildPortfolio(today: string, now: Date): Tables {
  const tables = portfolioHead(now);
  const ids = firstRowIds();
  for (let i = 0; i < BIG_MERCHANT_PLANS; i++) addPlan(tables, ids, bigMerchantPlan(i, today), today);
  for (const spec of otherPlans(today)) addPlan(tables, ids, spec, today);
  return tables;
}

/** The partner, its key, the merchants and their programs: what every bench portfolio starts with. */
export function portfolioHead(now: Date): Tables {
  const tables = emptyTables();
  tables.partners.push({ id: 1, name: 'Bench Partner', createdAt: now });
  tables.api_keys.push({
    id: 1, partnerId: 1, role: 'PARTNER', name: 'bench', displayPrefix: BENCH_API_KEY.slice(0, 14), keyHash: hashApiKey(BENCH_API_KEY),
    createdAt: now, lastUsedAt: null, revokedAt: null,
  });
  const merchants = [
    { id: BIG_MERCHANT_ID, name: 'Bench Megastore' },
    { id: TENOR_POOL_MERCHANT_ID, name: 'Bench Repayments (Tenor)' },
    { id: BASELINE_POOL_MERCHANT_ID, name: 'Bench Repayments (baseline)' },
    ...Array.from({ length: SMALL_MERCHANTS }, (_, k) => ({ id: 4 + k, name: `Bench Boutique ${k + 1}` })),
  ];
  let programId = 0;
  for (const m of merchants) {
    tables.merchants.push({ ...m, partnerId: 1, currency: 'USD', createdAt: now });
    for (const p of [PAY_IN_4, MONTHLY_12, MONTHLY_24]) {
      tables.financing_programs.push({
        id: ++programId, merchantId: m.id, partnerId: 1, kind: p.kind, termCount: p.termCount, aprBps: p.aprBps,
        merchantFeeBps: p.merchantFeeBps, currency: 'USD', minAmount: 5_000, maxAmount: 2_000_000, createdAt: now, retiredAt: null,
      });
    }
  }
  return tables;
}

/** The plans after the big merchant's: the twin repayment pools, then the small merchants'. */
export function otherPlans(today: string): PlanSpec[] {
  const specs: PlanSpec[] = [];
  // Twin pools: plan k of each pool has the same terms, so both servers do the same work per request.
  for (const merchantId of [TENOR_POOL_MERCHANT_ID, BASELINE_POOL_MERCHANT_ID]) {
    for (let k = 0; k < REPAYMENT_POOL_SIZE; k++) {
      specs.push({ merchantId, program: MONTHLY_24, amount: 1_000_000, capturedOn: addDays(today, -10), payments: [] });
    }
  }
  for (let k = 0; k < SMALL_MERCHANTS * PLANS_PER_SMALL_MERCHANT; k++) {
    const capturedOn = addDays(today, -(20 + (k % 40)));
    specs.push({ merchantId: 4 + (k % SMALL_MERCHANTS), program: PAY_IN_4, amount: 20_000 + k, capturedOn, payments: [{ amount: 5_000, date: capturedOn }] });
  }
  return specs;
}

/** A mix of pay-in-4 and monthly plans with 0-3 payments, and every 97th with 12 (more than a page of 10). */
export function bigMerchantPlan(i: number, today: string): PlanSpec {
  const program = [PAY_IN_4, MONTHLY_12, MONTHLY_24][i % 3];
  const capturedOn = addDays(today, -(100 + (i % 250)));
  const count = i % 97 === 0 ? 12 : i % 4;
  const payments = Array.from({ length: count }, (_, j) => ({ amount: 1_000 + (i % 7) * 100, date: addDays(capturedOn, 7 * j) }));
  return { merchantId: BIG_MERCHANT_ID, program, amount: 20_000 + (i % 500) * 1_000, capturedOn, payments };
}

/**
 * What the engine makes of a plan's terms and payments, its ids aside: the same spec always gives
 * the same figures, so a seed of a million plans computes each distinct spec once (PlanFigures).
 * Repayments are named by their position (R0, R1, …) and get their row ids in addPlan.
 */
export function planFigures(spec: PlanSpec, today: string) {
  const { program, amount, capturedOn, payments } = spec;
  const createdAt = new Date(`${capturedOn}T12:00:00Z`);
  const offer = buildOffer(program, amount, capturedOn);
  const events: LedgerEvent[] = payments.map((p, j) => ({ type: 'REPAYMENT', id: `R${j}`, amount: p.amount, date: p.date }));
  const ledger = replayLedger({ schedule: offer.schedule, captured: amount, aprBps: program.aprBps, captureDate: capturedOn, events });
  // Stored as the start-up status sweep would leave it, so the gateway starts without rewriting plans.
  const status = statusForDaysPastDue(daysPastDue(ledger.installments, today), DEFAULT_LENDING_POLICY.chargeOffAfterDays);
  const checkOn = nextStatusCheckOn({ status, authorizationExpiresAt: createdAt } as Plan, ledger.installments as Installment[], { today, now: createdAt }, DEFAULT_LENDING_POLICY);
  return { createdAt, offer, ledger, status, checkOn };
}
export type PlanFigures = ReturnType<typeof planFigures>;

/** Appends one plan's rows (application, offer, plan, installments, repayments, allocations, events) with the next ids. */
export function addPlan(tables: Tables, ids: RowIds, spec: PlanSpec, today: string, figures: PlanFigures = planFigures(spec, today)): void {
  const { merchantId, program, amount, capturedOn, payments } = spec;
  const { createdAt, offer, ledger, status, checkOn } = figures;
  const planId = ++ids.plan;
  tables.applications.push({
    id: planId, partnerId: 1, merchantId, amount, currency: 'USD', status: 'ACCEPTED', declineReason: null,
    applicantFirstName: 'Bench', applicantLastName: `Shopper ${planId}`, applicantEmail: `shopper${planId}@example.com`,
    applicantPhone: null, applicantCreditScore: 760, createdAt, expiresAt: createdAt, version: 1,
  });
  tables.offers.push({
    id: planId, applicationId: planId, programId: 1, kind: program.kind, termCount: program.termCount, aprBps: program.aprBps,
    disclosedAprBps: parseRate(offer.apr), merchantFeeBps: program.merchantFeeBps, amountFinanced: amount,
    installmentAmount: offer.installmentAmount, financeCharge: offer.financeCharge, totalOfPayments: offer.totalOfPayments,
  });
  const repaymentIds = payments.map(() => ++ids.repayment);
  tables.plans.push({
    nextStatusCheckOn: checkOn, id: planId, partnerId: 1, merchantId, applicationId: planId, offerId: planId, kind: program.kind, termCount: program.termCount,
    aprBps: program.aprBps, disclosedAprBps: parseRate(offer.apr), merchantFeeBps: program.merchantFeeBps,
    currency: 'USD', authorizedAmount: amount, principal: amount, refundedAmount: 0,
    merchantFee: merchantFee({ captured: amount, refunded: 0, feeRateBps: program.merchantFeeBps }), status, capturedOn,
    authorizationExpiresAt: createdAt, createdAt, updatedAt: createdAt, version: 1,
  });
  const installmentIds = new Map<number, number>();
  for (const s of ledger.installments) {
    installmentIds.set(s.sequence, ++ids.installment);
    tables.installments.push({ id: ids.installment, planId, ...s });
  }
  payments.forEach((p, j) => tables.repayments.push({
    id: repaymentIds[j], planId, amount: p.amount, currency: 'USD', status: 'SUCCEEDED', effectiveDate: p.date,
    ledgerSequence: j + 1, createdAt: new Date(`${p.date}T12:00:00Z`), reversedAt: null, reversalReason: null,
  }));
  for (const a of ledger.allocations) {
    tables.repayment_allocations.push({
      id: ++ids.allocation, planId, repaymentId: repaymentIds[Number(a.eventId.slice(1))], installmentId: installmentIds.get(a.sequence)!,
      sequence: a.sequence, principal: a.principal, interest: a.interest,
    });
  }
  const event = (type: string, from: string | null, to: string | null, amountOf: number | null, at: Date) => tables.plan_events.push({
    id: ++ids.event, planId, type, fromStatus: from, toStatus: to, amount: amountOf, apiKeyId: 1, requestId: 'bench-seed', createdAt: at,
  });
  event('AUTHORIZED', null, 'AUTHORIZED', amount, createdAt);
  event('CAPTURED', 'AUTHORIZED', 'ACTIVE', null, createdAt);
  payments.forEach((p) => event('REPAYMENT_RECORDED', null, null, p.amount, new Date(`${p.date}T12:00:00Z`)));
}
