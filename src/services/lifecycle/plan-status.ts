import type { Installment, Plan } from '../../../entities';
import {
  assertTransition, daysPastDue, type Minor, nextStatusCheckOn, outstandingBalance, PlanLedger, PlanStatus, planStatusAt, servicingStatus,
} from '../../engine';
import type { CommandContext } from './command-context';
import type { Actor, PlanEventRecorded, PlanEventType, UnitOfWork } from './command-runner';

/**
 * Writes what commands change on a plan in one UPDATE, bumping its version (no re-read), with the
 * date of its next status check computed from `rows`, the plan's installments as written.
 */
export async function savePlan({ tx }: UnitOfWork, ctx: CommandContext, plan: Plan, rows: Installment[]): Promise<void> {
  plan.updatedAt = ctx.now;
  plan.nextStatusCheckOn = nextStatusCheckOn(plan, rows, ctx, ctx.policy);
  await tx.plans.save(plan.id, {
    status: plan.status, principal: plan.principal, refundedAmount: plan.refundedAmount, merchantFee: plan.merchantFee,
    capturedOn: plan.capturedOn, disclosedAprBps: plan.disclosedAprBps, chargedOffAt: plan.chargedOffAt, updatedAt: plan.updatedAt,
    nextStatusCheckOn: plan.nextStatusCheckOn,
  });
  plan.version += 1;
}

/** A status change checked by the engine's transition table, as it will be recorded. */
type Move = Pick<PlanEventRecorded, 'type' | 'from' | 'to' | 'amount'>;

/**
 * Moves a plan to a new status through the engine's transition table, with an audit event carrying
 * the money the transition moved, if any (the captured amount).
 */
export function transition(uow: UnitOfWork, actor: Actor, plan: Plan, to: PlanStatus, type: PlanEventType, amount: Minor | null = null): void {
  const change = move(plan, to, type, amount);
  if (change) uow.events.plan(actor, plan, change.type, change);
}

/** The in-memory half of a transition: checks it, sets the status, returns the change to record (null: no move). */
function move(plan: Plan, to: PlanStatus, type: PlanEventType, amount: Minor | null): Move | null {
  const from = plan.status;
  if (from === to) return null;
  assertTransition(from, to);
  plan.status = to;
  return { type, from, to, amount };
}

/** After money moved: PAID_OFF, REFUNDED, DELINQUENT or ACTIVE as the ledger and the clock say. */
export function settleStatus(uow: UnitOfWork, ctx: CommandContext, plan: Plan, ledger: PlanLedger): void {
  const next = servicingStatus({ current: plan.status, ledger, daysPastDue: daysPastDue(ledger.installments, ctx.today) });
  transition(uow, ctx, plan, next, 'STATUS_CHANGED');
}

const EVENT_OF: Partial<Record<PlanStatus, PlanEventType>> = { EXPIRED: 'AUTHORIZATION_EXPIRED', CHARGED_OFF: 'CHARGED_OFF' };

/**
 * Brings a locked plan's stored status to what planStatusAt says as of the context's clock (a lapsed
 * authorization, lateness, a charge-off), with its event; the caller saves the plan. Money-moving
 * commands run this first, so a payment after 120 days past due is recorded against a CHARGED_OFF
 * plan (a recovery) even when the sweep has not run yet; the sweep runs it for many plans at once.
 * Returns whether the status moved.
 */
export function catchUpStatus(uow: UnitOfWork, ctx: CommandContext, plan: Plan, rows: Installment[]): boolean {
  const next = planStatusAt(plan, rows, ctx, ctx.policy);
  if (next === plan.status) return false;
  // A charge-off writes off what the shopper still owes; its event carries that amount.
  const writtenOff = next === 'CHARGED_OFF' ? outstandingBalance(rows) : null;
  if (next === 'CHARGED_OFF') plan.chargedOffAt = ctx.now;
  transition(uow, ctx, plan, next, EVENT_OF[next] ?? 'STATUS_CHANGED', writtenOff);
  return true;
}

/**
 * The sweep's save of many plans: what it changes (status, charge-off time, next check) in one UPDATE
 * per distinct outcome, so a mass change of a day's plans, which share their outcome, is a few
 * statements per batch instead of one per plan. Commands save through savePlan.
 */
export async function saveSweptPlans({ tx }: UnitOfWork, ctx: CommandContext, plans: { plan: Plan; rows: Installment[] }[]): Promise<void> {
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
