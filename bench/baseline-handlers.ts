// What each scenario costs when written by hand: the fewest statements that produce the answer, and
// JSON built in the order the GraphQL selection asks for, so Tenor's output can be compared byte for byte.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolConnection } from 'mysql2/promise';
import {
  buildOffer, buildSchedule, daysPastDue, formatAmount, InstallmentState, installmentStatusAt, parseAmount, payoffQuote,
  ProgramKind, replayLedger, servicingStatus, type PlanStatus,
} from '../src/engine';
import {
  globalId, globalIdOf, idempotentTransaction, idOf, Inserted, isoDate, money, Refused, Rows, statusAt, Viewer,
} from './baseline-common';

export function viewerRole(viewer: Viewer) {
  return { data: { viewer: { role: viewer.role } } };
}

interface RepaymentRow { id: number; planId: number; amount: string; currency: string; status: string; effectiveDate: string }
interface InstallmentRow { planId: number; sequence: number; dueDate: string; amountDue: string; amountPaid: string; status: string }

function groupByPlan<T extends { planId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.planId);
    if (group) group.push(row);
    else groups.set(row.planId, [row]);
  }
  return groups;
}

/** merchant -> plans(first) -> installments + repayments(first: 10): four statements after the key lookup. */
export async function nestedRead(pool: Pool, viewer: Viewer, variables: { id: string; first: number }) {
  const now = new Date();
  const today = isoDate(now);
  const [merchants] = await pool.query<Rows>('SELECT id, name FROM merchants WHERE id = ? AND partnerId = ?', [idOf(variables.id), viewer.partnerId]);
  const merchant = merchants[0];
  if (!merchant) return { data: { merchant: null } };
  const [plans] = await pool.query<Rows>(
    'SELECT id, status, principal, currency, authorizationExpiresAt FROM plans WHERE merchantId = ? ORDER BY id LIMIT ?',
    [merchant.id, variables.first],
  );
  const planIds = plans.map((p) => p.id as number);
  const [[installments], [repayments]] = planIds.length === 0 ? [[[]], [[]]] : await Promise.all([
    pool.query<Rows>('SELECT planId, sequence, dueDate, amountDue, amountPaid, status FROM installments WHERE planId IN (?) ORDER BY planId, sequence', [planIds]),
    pool.query<Rows>(
      `SELECT id, planId, amount, currency, status, effectiveDate FROM (
         SELECT id, planId, amount, currency, status, effectiveDate, ROW_NUMBER() OVER (PARTITION BY planId ORDER BY id) AS rn
         FROM repayments WHERE planId IN (?)) w
       WHERE rn <= 10 ORDER BY planId, id`, [planIds]),
  ]);
  const installmentsOf = groupByPlan(installments as InstallmentRow[]);
  const repaymentsOf = groupByPlan(repayments as RepaymentRow[]);
  return {
    data: {
      merchant: {
        id: globalId('Merchant', merchant.id),
        name: merchant.name,
        plans: {
          nodes: plans.map((p) => {
            const rows = installmentsOf.get(p.id) ?? [];
            return {
              id: globalId('Plan', p.id),
              status: statusAt(p as never, rows, now),
              principal: money(p.principal, p.currency),
              installments: rows.map((i) => ({
                sequence: i.sequence, dueDate: i.dueDate, amountDue: money(i.amountDue, p.currency),
                amountPaid: money(i.amountPaid, p.currency),
                status: installmentStatusAt({ ...i, amountDue: Number(i.amountDue), amountPaid: Number(i.amountPaid) } as never, today),
              })),
              repayments: {
                nodes: (repaymentsOf.get(p.id) ?? []).map((r) => ({
                  id: globalId('Repayment', r.id), amount: money(r.amount, r.currency), status: r.status, effectiveDate: r.effectiveDate,
                })),
              },
            };
          }),
        },
      },
    },
  };
}

export interface RepaymentInput { planId: string; amount: { amount: string; currency: string }; idempotencyKey: string }

const userError = (code: string, message: string, field: string[]) =>
  ({ data: { recordRepayment: { plan: null, repayment: null, userErrors: [{ field, message, code }] } } });

/**
 * recordRepayment by hand, writing the rows the gateway writes: idempotency record, repayment,
 * changed installments, the plan's allocations, plan event(s), plan version, stored response.
 */
export function recordRepayment(pool: Pool, viewer: Viewer, input: RepaymentInput) {
  const now = new Date();
  return idempotentTransaction(pool, viewer, 'recordRepayment', { ...input }, now, (connection) => repaymentInTx(connection, viewer, input, now, isoDate(now)));
}

async function repaymentInTx(connection: PoolConnection, viewer: Viewer, input: RepaymentInput, now: Date, today: string) {
  const [plans] = await connection.query<Rows>('SELECT * FROM plans WHERE id = ? AND partnerId = ? FOR UPDATE', [idOf(input.planId), viewer.partnerId]);
  const plan = plans[0];
  if (!plan) throw new Refused(userError('NOT_FOUND', 'No plan with this id', ['input', 'planId']));
  if (plan.status !== 'ACTIVE' && plan.status !== 'DELINQUENT') {
    throw new Refused(userError('ILLEGAL_TRANSITION', `Cannot record a repayment on a plan that is ${plan.status}`, ['input', 'planId']));
  }
  const amount = parseAmount(input.amount.amount, plan.currency);
  const [[installments], [repayments], [refunds]] = await Promise.all([
    connection.query<Rows>('SELECT * FROM installments WHERE planId = ? ORDER BY sequence', [plan.id]),
    connection.query<Rows>('SELECT id, amount, status, effectiveDate, ledgerSequence FROM repayments WHERE planId = ? ORDER BY id', [plan.id]),
    connection.query<Rows>('SELECT id, amount, effectiveDate, ledgerSequence FROM refunds WHERE planId = ? ORDER BY id', [plan.id]),
  ]);
  const states = installments.map((i) => ({ ...i, amountDue: Number(i.amountDue), principal: Number(i.principal), interest: Number(i.interest),
    amountPaid: Number(i.amountPaid), principalPaid: Number(i.principalPaid), interestPaid: Number(i.interestPaid) })) as unknown as InstallmentState[];
  const recorded = [
    ...repayments.filter((r) => r.status === 'SUCCEEDED').map((r) => ({ seq: r.ledgerSequence, e: { type: 'REPAYMENT' as const, id: `R${r.id}`, amount: Number(r.amount), date: r.effectiveDate } })),
    ...refunds.map((r) => ({ seq: r.ledgerSequence, e: { type: 'REFUND' as const, id: `F${r.id}`, amount: Number(r.amount), date: r.effectiveDate } })),
  ];
  const principal = Number(plan.principal);
  const schedule = buildSchedule({ kind: plan.kind, termCount: plan.termCount, aprBps: plan.aprBps, principal }, plan.capturedOn);
  const inOrder = (xs: typeof recorded) => [...xs].sort((a, b) => a.e.date.localeCompare(b.e.date) || a.seq - b.seq).map((x) => x.e);
  const books = { schedule, captured: principal, aprBps: plan.aprBps, captureDate: plan.capturedOn };
  const owed = payoffQuote({ ...books, events: inOrder(recorded), asOf: today });
  if (amount > owed) throw new Refused(userError('AMOUNT_EXCEEDS_BALANCE', 'The payment is larger than what is needed to pay the plan off', ['input', 'amount', 'amount']));

  const [inserted] = await connection.query<Inserted>(
    'INSERT INTO repayments (planId, amount, currency, status, effectiveDate, ledgerSequence, createdAt, reversedAt, reversalReason) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)',
    [plan.id, amount, plan.currency, 'SUCCEEDED', today, repayments.length + refunds.length + 1, now],
  );
  const repaymentId = inserted.insertId;
  const events = inOrder([...recorded, { seq: repayments.length + refunds.length + 1, e: { type: 'REPAYMENT' as const, id: `R${repaymentId}`, amount, date: today } }]);
  const ledger = replayLedger({ ...books, events });

  const bySequence = new Map(states.map((s) => [s.sequence, s as InstallmentState & { id: number }]));
  for (const next of ledger.installments) {
    const old = bySequence.get(next.sequence)!;
    if (old.amountDue === next.amountDue && old.amountPaid === next.amountPaid && old.principalPaid === next.principalPaid
      && old.interestPaid === next.interestPaid && old.status === next.status && old.principal === next.principal && old.interest === next.interest) continue;
    await connection.query(
      'UPDATE installments SET amountDue = ?, principal = ?, interest = ?, amountPaid = ?, principalPaid = ?, interestPaid = ?, status = ? WHERE id = ?',
      [next.amountDue, next.principal, next.interest, next.amountPaid, next.principalPaid, next.interestPaid, next.status, old.id],
    );
  }
  await connection.query('DELETE FROM repayment_allocations WHERE planId = ?', [plan.id]);
  const allocations = ledger.allocations.filter((a) => a.eventId.startsWith('R'));
  if (allocations.length > 0) {
    await connection.query('INSERT INTO repayment_allocations (planId, repaymentId, installmentId, sequence, principal, interest) VALUES ?',
      [allocations.map((a) => [plan.id, Number(a.eventId.slice(1)), bySequence.get(a.sequence)!.id, a.sequence, a.principal, a.interest])]);
  }
  const requestId = randomUUID();
  const eventRows: unknown[][] = [[plan.id, 'REPAYMENT_RECORDED', null, null, amount, viewer.apiKeyId, requestId, now]];
  const next: PlanStatus = servicingStatus({ current: plan.status, ledger, daysPastDue: daysPastDue(ledger.installments, today) });
  if (next !== plan.status) eventRows.push([plan.id, 'STATUS_CHANGED', plan.status, next, null, viewer.apiKeyId, requestId, now]);
  await connection.query('INSERT INTO plan_events (planId, type, fromStatus, toStatus, amount, apiKeyId, requestId, createdAt) VALUES ?', [eventRows]);
  await connection.query('UPDATE plans SET status = ?, updatedAt = ?, version = version + 1 WHERE id = ?', [next, now, plan.id]);

  const shown = statusAt({ status: next, authorizationExpiresAt: plan.authorizationExpiresAt },
    ledger.installments.map((s) => ({ ...s, planId: plan.id, amountDue: String(s.amountDue), amountPaid: String(s.amountPaid) })), now);
  return {
    stored: { planId: plan.id, repaymentId },
    payload: {
      data: {
        recordRepayment: {
          plan: { id: globalId('Plan', plan.id), status: shown, balance: money(ledger.balance, plan.currency) },
          repayment: {
            id: globalId('Repayment', repaymentId), status: 'SUCCEEDED', amount: money(amount, plan.currency), effectiveDate: today,
            allocations: allocations.filter((a) => a.eventId === `R${repaymentId}`).map((a) => ({
              installmentSequence: a.sequence, principal: money(a.principal, plan.currency), interest: money(a.interest, plan.currency),
            })),
          },
          userErrors: [],
        },
      },
    },
  };
}

export interface EstimatesVariables { merchantId: string; amount: { amount: string; currency: string } }

/**
 * paymentEstimates by hand: the merchant (scoped to the key's partner), its live programs, and the
 * engine's offer for each program whose limits cover the amount, from today's business date in
 * TENOR_TIME_ZONE (the gateway's default when unset). Two statements after the key lookup.
 */
export async function paymentEstimates(pool: Pool, viewer: Viewer, variables: EstimatesVariables) {
  const [merchants] = await pool.query<Rows>('SELECT id, currency FROM merchants WHERE id = ? AND partnerId = ?', [idOf(variables.merchantId), viewer.partnerId]);
  const merchant = merchants[0];
  if (!merchant) return { errors: [{ message: 'No merchant with this id', extensions: { code: 'BAD_USER_INPUT' } }], data: null };
  const currency = merchant.currency as string;
  const amount = parseAmount(variables.amount.amount, currency);
  const [programs] = await pool.query<Rows>(
    'SELECT id, kind, termCount, aprBps, minAmount, maxAmount FROM financing_programs WHERE merchantId = ? AND retiredAt IS NULL ORDER BY id', [merchant.id]);
  const today = isoDate(new Date());
  return {
    data: {
      paymentEstimates: programs.filter((p) => amount >= Number(p.minAmount) && amount <= Number(p.maxAmount)).map((p) => {
        const offer = buildOffer({ kind: p.kind as ProgramKind, termCount: p.termCount, aprBps: p.aprBps }, amount, today);
        return {
          id: globalIdOf(`Estimate:${p.id}:${formatAmount(amount, currency)}:${currency}:${today}`),
          kind: offer.kind, termCount: offer.termCount, apr: offer.apr,
          installmentAmount: money(offer.installmentAmount, currency), amountFinanced: money(offer.amountFinanced, currency),
          financeCharge: money(offer.financeCharge, currency), totalOfPayments: money(offer.totalOfPayments, currency),
          schedule: offer.schedule.map((row) => ({
            sequence: row.sequence, dueDate: row.dueDate,
            amount: money(row.amount, currency), principal: money(row.principal, currency), interest: money(row.interest, currency),
          })),
        };
      }),
    },
  };
}
