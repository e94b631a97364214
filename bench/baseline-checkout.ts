// The checkout path by hand: createApplication -> acceptOffer -> capturePlan, each one transaction
// writing the rows the gateway writes (idempotency record and stored response; the application and
// its offers; the applicant's credit lock; the plan, its installments and events; the application's
// status and version), with the same engine and policy functions, answering the committed
// CreateApplication, AcceptOffer and CapturePlan operations (schema/operations) field for field.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolConnection } from 'mysql2/promise';
import {
  amountPastDue, annualPercentageRate, buildOffer, buildSchedule, daysPastDue, formatRate, installmentStatusAt, merchantFee,
  parseAmount, parseRate, type IsoDate,
} from '../src/engine';
import { decide } from '../src/services/lifecycle/underwriting';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { nextStatusCheckOn } from '../src/engine';
import type { FinancingProgram, Installment, Plan } from '../entities';
import { globalId, idempotentTransaction, idOf, Inserted, isoDate, money, Refused, Rows, statusAt, Viewer } from './baseline-common';

/** The gateway's TTLs (application.service.ts, plan.service.ts). */
const APPLICATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const AUTHORIZATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

type Money = { amount: string; currency: string };
export interface CreateApplicationInput {
  merchantId: string; amount: Money; idempotencyKey: string;
  applicant: { firstName: string; lastName: string; email: string; phone?: string | null; creditScore?: number | null };
}
export interface AcceptOfferInput { applicationId: string; offerId: string; idempotencyKey: string }
export interface CapturePlanInput { planId: string; idempotencyKey: string }

const refusal = (mutation: string, result: string, code: string, message: string, field: string[]) =>
  new Refused({ data: { [mutation]: { [result]: null, userErrors: [{ field, message, code }] } } });

/** The applicant's serialization point, as the gateway takes it: the row created if missing, then locked. */
async function lockApplicant(connection: PoolConnection, email: string, now: Date): Promise<void> {
  await connection.query('INSERT INTO applicant_credit_locks (email, createdAt) VALUES (?, ?) ON DUPLICATE KEY UPDATE email = email', [email, now]);
  await connection.query('SELECT email FROM applicant_credit_locks WHERE email = ? FOR UPDATE', [email]);
}

/**
 * Open exposure in one currency and whether any plan of the applicant is delinquent (lifecycle/exposure.ts):
 * approved applications not expired, live authorizations, outstanding principal of captured plans.
 */
async function exposureOf(connection: PoolConnection, email: string, currency: string, now: Date, exceptApplicationId: number | null) {
  const [approved] = await connection.query<Rows>(
    'SELECT id, amount, currency, expiresAt FROM applications WHERE applicantEmail = ? AND status = ?', [email, 'APPROVED']);
  const [plans] = await connection.query<Rows>(
    `SELECT p.id, p.status, p.currency, p.authorizedAmount, p.authorizationExpiresAt FROM plans p INNER JOIN applications a ON a.id = p.applicationId
     WHERE a.applicantEmail = ? AND p.status IN (?, ?, ?, ?)`, [email, 'AUTHORIZED', 'ACTIVE', 'DELINQUENT', 'CHARGED_OFF']);
  const captured = plans.filter((p) => p.status === 'ACTIVE' || p.status === 'DELINQUENT');
  const [installments] = captured.length === 0 ? [[] as Rows] : await connection.query<Rows>(
    'SELECT planId, dueDate, amountDue, amountPaid, principal, principalPaid FROM installments WHERE planId IN (?)', [captured.map((p) => p.id)]);
  let open = 0;
  for (const a of approved) if (a.id !== exceptApplicationId && a.currency === currency && a.expiresAt.getTime() > now.getTime()) open += Number(a.amount);
  for (const p of plans) if (p.currency === currency && statusAt(p as never, [], now) === 'AUTHORIZED') open += Number(p.authorizedAmount);
  const currencyOf = new Map(captured.map((p) => [p.id, p.currency]));
  for (const i of installments) if (currencyOf.get(i.planId) === currency) open += Number(i.principal) - Number(i.principalPaid);
  const delinquent = plans.some((p) => ['DELINQUENT', 'CHARGED_OFF'].includes(statusAt(p as never, installments.filter((i) => i.planId === p.id) as never, now)));
  return { open, delinquent };
}

const limitOf = (currency: string) => DEFAULT_LENDING_POLICY.exposureLimits[currency as keyof typeof DEFAULT_LENDING_POLICY.exposureLimits];

export function createApplication(pool: Pool, viewer: Viewer, input: CreateApplicationInput) {
  const now = new Date();
  return idempotentTransaction(pool, viewer, 'createApplication', { ...input }, now, async (connection) => {
    const today = isoDate(now);
    const [merchants] = await connection.query<Rows>('SELECT id, partnerId, currency FROM merchants WHERE id = ? AND partnerId = ?', [idOf(input.merchantId), viewer.partnerId]);
    const merchant = merchants[0];
    if (!merchant) throw refusal('createApplication', 'application', 'NOT_FOUND', 'No merchant with this id', ['input', 'merchantId']);
    const currency = merchant.currency as string;
    const amount = parseAmount(input.amount.amount, currency);
    const email = input.applicant.email.trim().toLowerCase();
    const [programRows] = await connection.query<Rows>('SELECT * FROM financing_programs WHERE merchantId = ? ORDER BY id', [merchant.id]);
    const programs = programRows.map((p) => ({ ...p, minAmount: Number(p.minAmount), maxAmount: Number(p.maxAmount) }) as FinancingProgram);
    await lockApplicant(connection, email, now);
    const exposure = await exposureOf(connection, email, currency, now, null);
    const creditScore = input.applicant.creditScore ?? null;
    const decision = decide({
      amount, creditScore, programs, hasDelinquentPlan: exposure.delinquent, exceedsExposureLimit: exposure.open + amount > limitOf(currency),
    });
    const [application] = await connection.query<Inserted>(
      `INSERT INTO applications (partnerId, merchantId, amount, currency, status, declineReason, applicantFirstName, applicantLastName,
        applicantEmail, applicantPhone, applicantCreditScore, createdAt, expiresAt, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [merchant.partnerId, merchant.id, amount, currency, decision.approved ? 'APPROVED' : 'DECLINED', decision.approved ? null : decision.reason,
        input.applicant.firstName.trim(), input.applicant.lastName.trim(), email, input.applicant.phone ?? null, creditScore,
        now, new Date(now.getTime() + APPLICATION_TTL_MS)],
    );
    const applicationId = application.insertId;
    if (!decision.approved) {
      const userErrors = [{ code: 'APPLICATION_DECLINED', field: null, message: `The application was declined (${decision.reason})` }];
      return { stored: { applicationId, userErrors }, payload: { data: { createApplication: { application: null, userErrors } } } };
    }
    const offers = decision.programs.map((program) => ({ program, offer: buildOffer(program, amount, today) }));
    const [insertedOffers] = await connection.query<Inserted>(
      `INSERT INTO offers (applicationId, programId, kind, termCount, aprBps, disclosedAprBps, merchantFeeBps, amountFinanced,
        installmentAmount, financeCharge, totalOfPayments) VALUES ?`,
      [offers.map(({ program, offer }) => [applicationId, program.id, program.kind, program.termCount, program.aprBps, parseRate(offer.apr),
        program.merchantFeeBps, offer.amountFinanced, offer.installmentAmount, offer.financeCharge, offer.totalOfPayments])],
    );
    return {
      stored: { applicationId, userErrors: [] },
      payload: {
        data: {
          createApplication: {
            application: {
              id: globalId('Application', applicationId), status: 'APPROVED', decision: { outcome: 'APPROVED', reasonCode: null },
              offers: offers.map(({ offer }, k) => ({
                id: globalId('Offer', insertedOffers.insertId + k), kind: offer.kind, termCount: offer.termCount, apr: formatRate(parseRate(offer.apr)),
                installmentAmount: money(offer.installmentAmount, currency), amountFinanced: money(offer.amountFinanced, currency),
                financeCharge: money(offer.financeCharge, currency), totalOfPayments: money(offer.totalOfPayments, currency),
                schedule: offer.schedule.map((row) => ({
                  sequence: row.sequence, dueDate: row.dueDate,
                  amount: money(row.amount, currency), principal: money(row.principal, currency), interest: money(row.interest, currency),
                })),
              })),
            },
            userErrors: [],
          },
        },
      },
    };
  });
}

export function acceptOffer(pool: Pool, viewer: Viewer, input: AcceptOfferInput) {
  const now = new Date();
  return idempotentTransaction(pool, viewer, 'acceptOffer', { ...input }, now, async (connection) => {
    const applicationId = idOf(input.applicationId);
    const notFound = () => refusal('acceptOffer', 'plan', 'NOT_FOUND', 'No application with this id', ['input', 'applicationId']);
    const [found] = await connection.query<Rows>('SELECT applicantEmail FROM applications WHERE id = ? AND partnerId = ?', [applicationId, viewer.partnerId]);
    if (!found[0]) throw notFound();
    // The applicant first, then the application: the order createApplication takes them in.
    await lockApplicant(connection, found[0].applicantEmail, now);
    const [locked] = await connection.query<Rows>('SELECT * FROM applications WHERE id = ? AND partnerId = ? FOR UPDATE', [applicationId, viewer.partnerId]);
    const application = locked[0];
    if (application.status === 'APPROVED' && application.expiresAt.getTime() <= now.getTime()) {
      throw refusal('acceptOffer', 'plan', 'APPLICATION_EXPIRED', 'The application expired; submit a new one', ['input', 'applicationId']);
    }
    if (application.status !== 'APPROVED') {
      throw refusal('acceptOffer', 'plan', 'ILLEGAL_TRANSITION', `Cannot accept an offer of an application that is ${application.status}`, ['input', 'applicationId']);
    }
    const amount = Number(application.amount);
    const exposure = await exposureOf(connection, application.applicantEmail, application.currency, now, application.id);
    if (exposure.open + amount > limitOf(application.currency)) {
      throw refusal('acceptOffer', 'plan', 'EXPOSURE_LIMIT', 'Accepting would take the applicant\'s open credit past the limit', ['input', 'applicationId']);
    }
    const [offers] = await connection.query<Rows>('SELECT * FROM offers WHERE id = ? AND applicationId = ?', [idOf(input.offerId), application.id]);
    const offer = offers[0];
    if (!offer) throw refusal('acceptOffer', 'plan', 'NOT_FOUND', 'No offer with this id on this application', ['input', 'offerId']);
    await connection.query('UPDATE applications SET status = ?, version = version + 1 WHERE id = ?', ['ACCEPTED', application.id]);
    const plan = {
      partnerId: application.partnerId, merchantId: application.merchantId, applicationId: application.id, offerId: offer.id,
      kind: offer.kind, termCount: offer.termCount, aprBps: offer.aprBps, disclosedAprBps: offer.disclosedAprBps, merchantFeeBps: offer.merchantFeeBps,
      currency: application.currency, authorizedAmount: amount, principal: 0, refundedAmount: 0, merchantFee: 0, status: 'AUTHORIZED',
      capturedOn: null as IsoDate | null, authorizationExpiresAt: new Date(now.getTime() + AUTHORIZATION_TTL_MS), chargedOffAt: null,
      nextStatusCheckOn: null as IsoDate | null, createdAt: now, updatedAt: now, version: 1,
    };
    plan.nextStatusCheckOn = nextStatusCheckOn(plan as unknown as Plan, [], { now, today: isoDate(now) }, DEFAULT_LENDING_POLICY);
    const [inserted] = await connection.query<Inserted>(`INSERT INTO plans (${Object.keys(plan).join(', ')}) VALUES (?)`, [Object.values(plan)]);
    const planId = inserted.insertId;
    await connection.query('INSERT INTO plan_events (planId, type, fromStatus, toStatus, amount, apiKeyId, requestId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [planId, 'AUTHORIZED', null, 'AUTHORIZED', amount, viewer.apiKeyId, randomUUID(), now]);
    return { stored: { planId }, payload: { data: { acceptOffer: { plan: planFields({ ...plan, id: planId }, [], now), userErrors: [] } } } };
  });
}

export function capturePlan(pool: Pool, viewer: Viewer, input: CapturePlanInput) {
  const now = new Date();
  return idempotentTransaction(pool, viewer, 'capturePlan', { ...input }, now, async (connection) => {
    const today = isoDate(now);
    const [plans] = await connection.query<Rows>('SELECT * FROM plans WHERE id = ? AND partnerId = ? FOR UPDATE', [idOf(input.planId), viewer.partnerId]);
    const row = plans[0];
    if (!row) throw refusal('capturePlan', 'plan', 'NOT_FOUND', 'No plan with this id', ['input', 'planId']);
    const status = statusAt(row as never, [], now);
    if (status !== 'AUTHORIZED') throw refusal('capturePlan', 'plan', 'ILLEGAL_TRANSITION', `Cannot capture a plan that is ${status}`, ['input', 'planId']);
    const amount = Number(row.authorizedAmount);
    const schedule = buildSchedule({ kind: row.kind, termCount: row.termCount, aprBps: row.aprBps, principal: amount }, today);
    const plan = {
      id: row.id as number, kind: row.kind, termCount: row.termCount, aprBps: row.aprBps, currency: row.currency, merchantFeeBps: row.merchantFeeBps,
      authorizationExpiresAt: row.authorizationExpiresAt, chargedOffAt: null, authorizedAmount: amount, principal: amount, refundedAmount: 0, capturedOn: today, status: 'ACTIVE', updatedAt: now,
      merchantFee: merchantFee({ captured: amount, refunded: 0, feeRateBps: row.merchantFeeBps }),
      // The disclosure is of the schedule actually created: the captured amount from the capture date.
      disclosedAprBps: parseRate(annualPercentageRate({ amountFinanced: amount, advanceDate: today, payments: schedule.map((r) => ({ date: r.dueDate, amount: r.amount })) })),
    };
    const installments = schedule.map((r) => ({
      planId: plan.id, sequence: r.sequence, dueDate: r.dueDate, amountDue: r.amount, principal: r.principal, interest: r.interest,
      amountPaid: 0, principalPaid: 0, interestPaid: 0, status: 'PENDING' as const,
    }));
    const [inserted] = await connection.query<Inserted>(`INSERT INTO installments (${Object.keys(installments[0]).join(', ')}) VALUES ?`, [installments.map(Object.values)]);
    await connection.query('INSERT INTO plan_events (planId, type, fromStatus, toStatus, amount, apiKeyId, requestId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [plan.id, 'CAPTURED', 'AUTHORIZED', 'ACTIVE', amount, viewer.apiKeyId, randomUUID(), now]);
    const rows = installments.map((i, k) => ({ ...i, id: inserted.insertId + k }));
    const checkOn = nextStatusCheckOn(plan as Plan, rows as Installment[], { now, today }, DEFAULT_LENDING_POLICY);
    await connection.query(
      `UPDATE plans SET status = ?, principal = ?, refundedAmount = ?, merchantFee = ?, capturedOn = ?, disclosedAprBps = ?, chargedOffAt = ?,
        updatedAt = ?, nextStatusCheckOn = ?, version = version + 1 WHERE id = ?`,
      [plan.status, plan.principal, plan.refundedAmount, plan.merchantFee, plan.capturedOn, plan.disclosedAprBps, plan.chargedOffAt, now, checkOn, plan.id],
    );
    return { stored: { planId: plan.id }, payload: { data: { capturePlan: { plan: planFields(plan, rows, now), userErrors: [] } } } };
  });
}

interface PlanFigures {
  id: number; status: string; kind: string; termCount: number; aprBps: number; currency: string; capturedOn: string | null;
  authorizedAmount: number; principal: number; refundedAmount: number; merchantFee: number; authorizationExpiresAt: Date;
}
interface InstallmentFigures { id: number; sequence: number; dueDate: string; amountDue: number; principal: number; interest: number; amountPaid: number; status: 'PENDING' }

/** The PlanFields fragment of a plan with no repayments, refunds or charge-off (a checkout's). */
function planFields(plan: PlanFigures, installments: InstallmentFigures[], now: Date) {
  const today = isoDate(now);
  const m = (minor: number) => money(minor, plan.currency);
  return {
    id: globalId('Plan', plan.id), status: statusAt(plan, installments, now), kind: plan.kind, termCount: plan.termCount, apr: formatRate(plan.aprBps),
    currency: plan.currency, capturedOn: plan.capturedOn, authorizedAmount: m(plan.authorizedAmount), principal: m(plan.principal),
    refundedAmount: m(plan.refundedAmount), balance: m(installments.reduce((sum, i) => sum + i.amountDue - i.amountPaid, 0)),
    merchantFee: m(plan.merchantFee), settlementAmount: m(plan.principal - plan.refundedAmount - plan.merchantFee),
    daysPastDue: daysPastDue(installments, today), recoveredAmount: m(0),
    installments: installments.map((i) => ({
      id: globalId('Installment', i.id), sequence: i.sequence, dueDate: i.dueDate, status: installmentStatusAt(i, today),
      amountDue: m(i.amountDue), principal: m(i.principal), interest: m(i.interest), amountPaid: m(i.amountPaid), amountPastDue: m(amountPastDue(i, today)),
    })),
  };
}
