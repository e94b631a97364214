import type { Installment, Plan } from '../../../entities';
import type { Repositories } from '../../db/repositories';
import { assertTransition, daysPastDue, PlanLedger, PlanStatus, servicingStatus } from '../../engine';
import { Actor, PlanEventDraft, recordEvent } from './plan-events';
import { nextStatusCheckOn, planStatusAt } from '../plan-view';
import type { CommandContext } from './command-context';

/**
 * Writes what commands and the sweep change on a plan in one UPDATE, bumping its version (no re-read),
 * with the date of its next status check computed from `rows`, the plan's installments as written.
 */
export async function savePlan(tx: Repositories, ctx: CommandContext, plan: Plan, rows: Installment[]): Promise<void> {
  plan.updatedAt = ctx.now;
  plan.nextStatusCheckOn = nextStatusCheckOn(plan, rows, ctx, ctx.policy);
  await tx.plans.save(plan.id, {
    status: plan.status, principal: plan.principal, refundedAmount: plan.refundedAmount, merchantFee: plan.merchantFee,
    capturedOn: plan.capturedOn, disclosedAprBps: plan.disclosedAprBps, chargedOffAt: plan.chargedOffAt, updatedAt: plan.updatedAt,
    nextStatusCheckOn: plan.nextStatusCheckOn,
  });
  plan.version += 1;
}

/**
 * Moves a plan to a new status through the engine's transition table, with an audit event carrying
 * the money the transition moved, if any (the captured amount).
 */
export async function transition(
  tx: Repositories, actor: Actor, plan: Plan, to: PlanStatus, type: string, amount: number | null = null,
): Promise<void> {
  const event = move(plan, to, type, amount);
  if (event) await recordEvent(tx, actor, event.plan, event.type, event.change);
}

/** The in-memory half of a transition: checks it, sets the status, returns the event to record (null: no move). */
export function move(plan: Plan, to: PlanStatus, type: string, amount: number | null = null): PlanEventDraft | null {
  const from = plan.status;
  if (from === to) return null;
  assertTransition(from, to);
  plan.status = to;
  return { plan, type, change: { from, to, amount } };
}

/** After money moved: PAID_OFF, REFUNDED, DELINQUENT or ACTIVE as the ledger and the clock say. */
export async function settleStatus(tx: Repositories, actor: Actor, plan: Plan, ledger: PlanLedger, today: string): Promise<void> {
  const next = servicingStatus({ current: plan.status, ledger, daysPastDue: daysPastDue(ledger.installments, today) });
  await transition(tx, actor, plan, next, 'STATUS_CHANGED');
}

const EVENT_OF: Partial<Record<PlanStatus, string>> = { EXPIRED: 'AUTHORIZATION_EXPIRED', CHARGED_OFF: 'CHARGED_OFF' };

/**
 * Brings a locked plan's stored status to what planStatusAt says as of the context's clock (a lapsed
 * authorization, lateness, a charge-off), with its event; the caller saves the plan. Money-moving
 * commands run this first, so a payment after 120 days past due is recorded against a CHARGED_OFF
 * plan (a recovery) even when the sweep has not run yet; the sweep runs catchUpMove for many plans
 * and records their events together.
 */
export async function catchUpStatus(tx: Repositories, ctx: CommandContext, plan: Plan, rows: Installment[]): Promise<boolean> {
  const event = catchUpMove(ctx, plan, rows);
  if (event) await recordEvent(tx, ctx, event.plan, event.type, event.change);
  return event !== null;
}

/** catchUpStatus in memory: moves the plan and returns the event to record, or null when its status stands. */
export function catchUpMove(ctx: CommandContext, plan: Plan, rows: Installment[]): PlanEventDraft | null {
  const next = planStatusAt(plan, rows, ctx, ctx.policy);
  if (next === plan.status) return null;
  // A charge-off writes off what the shopper still owes; its event carries that amount.
  const writtenOff = next === 'CHARGED_OFF' ? rows.reduce((sum, row) => sum + row.amountDue - row.amountPaid, 0) : null;
  if (next === 'CHARGED_OFF') plan.chargedOffAt = ctx.now;
  return move(plan, next, EVENT_OF[next] ?? 'STATUS_CHANGED', writtenOff);
}

/**
 * The sweep's save of many plans: what it changes (status, charge-off time, next check) in one UPDATE
 * per distinct outcome, so a mass change of a day's plans, which share their outcome, is a few
 * statements per batch instead of one per plan. Commands save through savePlan.
 */
export async function saveSweptPlans(tx: Repositories, ctx: CommandContext, plans: { plan: Plan; rows: Installment[] }[]): Promise<void> {
  const outcomes = new Map<string, Plan[]>();
  for (const { plan, rows } of plans) {
    plan.updatedAt = ctx.now;
    plan.nextStatusCheckOn = nextStatusCheckOn(plan, rows, ctx, ctx.policy);
    const key = `${plan.status}|${plan.chargedOffAt?.getTime() ?? ''}|${plan.nextStatusCheckOn ?? ''}`;
    outcomes.set(key, [...(outcomes.get(key) ?? []), plan]);
  }
  for (const group of outcomes.values()) {
    const [{ status, chargedOffAt, nextStatusCheckOn: checkOn }] = group;
    await tx.plans.saveMany(group.map((plan) => plan.id), { status, chargedOffAt, nextStatusCheckOn: checkOn, updatedAt: ctx.now });
    for (const plan of group) plan.version += 1;
  }
}
