import type { Installment, Plan } from '../../../entities';
import type { Database } from '../../db/data-source';
import type { Repositories } from '../../db/repositories';
import type { DuePlan } from '../../db/repositories/plan.repository';
import { applicationStatusAt } from '../application-view';
import { nextStatusCheckOn } from '../plan-view';
import type { LendingPolicy } from '../lending-policy';
import { commandContext, CommandContext } from './command-context';
import { moveApplication } from './application-status';
import { PlanEventDraft, recordEvents } from './plan-events';
import { catchUpMove, saveSweptPlans } from './plan-status';
import { writeTransaction } from './transaction';
import { BetweenBatches, timed } from './batch-pace';

/** Plans or applications read and written per transaction: bounds each statement, lock set and commit. */
export const SWEEP_BATCH_SIZE = 500;

/**
 * Writes the statuses reads derive from the clock (planStatusAt, applicationStatusAt), each with its
 * audit event, so that status filters, which read the stored column, agree with what reads show:
 * lapsed authorizations EXPIRED, plans DELINQUENT at 30+ days past due and ACTIVE again once caught
 * up, CHARGED_OFF at CHARGE_OFF_AFTER_DAYS, approved applications past their expiry EXPIRED.
 *
 * It costs what is due, not the portfolio: it reads only plans whose stored `nextStatusCheckOn` has
 * come and approved applications past `expiresAt`, each through an index, in keyset batches of
 * SWEEP_BATCH_SIZE, and writes each batch in one transaction. With nothing due it is two statements.
 */
export async function sweepStatuses(
  db: Database, now: Date, policy: LendingPolicy, batchSize = SWEEP_BATCH_SIZE,
  /** Paces the batches of a large sweep (the worker's duty cycle and lease renewal, batch-pace.ts). */
  betweenBatches?: BetweenBatches,
): Promise<number> {
  const ctx = commandContext(db, policy, now, { partnerId: null, apiKeyId: null, requestId: 'status-sweep' });
  return (await sweepPlans(ctx, batchSize, betweenBatches)) + (await sweepApplications(ctx, batchSize, betweenBatches));
}

/**
 * Pages through `(nextStatusCheckOn, id)` in index order, so each page reads its own rows only. A
 * written plan's next check moves past today (or to null), and one not yet changing (an authorization
 * lapsing later today) keeps its date behind the cursor: no plan is read twice in one sweep.
 */
async function sweepPlans(ctx: CommandContext, batchSize: number, between?: BetweenBatches): Promise<number> {
  let changed = 0;
  let after: DuePlan | null = null;
  for (;;) {
    const due = await ctx.db.repositories.plans.dueForStatusCheck(ctx.today, after, batchSize);
    if (due.length === 0) return changed;
    const batch = await timed(() => writeTransaction(ctx.db, (tx) => sweepPlansInTx(tx, ctx, due.map((plan) => plan.id))));
    changed += batch.result;
    if (due.length < batchSize) return changed;
    after = due[due.length - 1];
    await between?.(batch.ms);
  }
}

/**
 * Some plans' share of the sweep, inside the caller's transaction: locks them in id order (so two
 * sweeps or a sweep and a command never deadlock on the order), reads their installments in one
 * statement, moves each to what planStatusAt says, and writes the events in one INSERT and the plans
 * in one UPDATE per outcome. A plan whose status stands but whose stored next check is stale (written
 * before the column existed) gets its date corrected. Returns how many plans changed status.
 */
export async function sweepPlansInTx(tx: Repositories, ctx: CommandContext, planIds: number[]): Promise<number> {
  const plans = await tx.plans.lockMany(planIds);
  const installments = await tx.books.installmentsOfPlans(plans.map((plan) => plan.id));
  const byPlan = new Map<number, Installment[]>();
  for (const row of installments) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), row]);
  const events: PlanEventDraft[] = [];
  const toSave: { plan: Plan; rows: Installment[] }[] = [];
  for (const plan of plans) {
    const rows = byPlan.get(plan.id) ?? [];
    const event = catchUpMove(ctx, plan, rows);
    if (event) events.push(event);
    if (event || nextStatusCheckOn(plan, rows, ctx, ctx.policy) !== plan.nextStatusCheckOn) toSave.push({ plan, rows });
  }
  await recordEvents(tx, ctx, events);
  await saveSweptPlans(tx, ctx, toSave);
  return events.length;
}

/** One plan's share of the sweep (the demo seed runs it inside its own transaction). */
export async function sweepPlanInTx(tx: Repositories, ctx: CommandContext, planId: number): Promise<void> {
  await sweepPlansInTx(tx, ctx, [planId]);
}

/**
 * Every application read leaves the range once written (its status is no longer APPROVED), so the
 * first page is always the next one; a page that changes nothing (all moved concurrently) ends it.
 */
async function sweepApplications(ctx: CommandContext, batchSize: number, between?: BetweenBatches): Promise<number> {
  let changed = 0;
  for (;;) {
    const ids = await ctx.db.repositories.applications.expiredApproved(ctx.now, batchSize);
    if (ids.length === 0) return changed;
    const batch = await timed(() => writeTransaction(ctx.db, async (tx) => {
      const applications = await tx.applications.lockMany(ids);
      let count = 0;
      for (const application of applications) {
        if (applicationStatusAt(application, ctx.now) !== 'EXPIRED' || application.status === 'EXPIRED') continue;
        await moveApplication(tx, ctx, application, 'EXPIRED', 'EXPIRED');
        count += 1;
      }
      return count;
    }));
    changed += batch.result;
    if (batch.result === 0 || ids.length < batchSize) return changed;
    await between?.(batch.ms);
  }
}
