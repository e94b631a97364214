import type { Installment, Plan } from '../../../entities';
import type { DuePlan } from '../../db/repositories/plan.repository';
import { applicationStatusAt, nextStatusCheckOn } from '../../engine';
import type { LendingPolicy } from '../lending-policy';
import { commandContext, CommandContext } from './command-context';
import type { CommandRunner, UnitOfWork } from './command-runner';
import { moveApplication } from './application-status';
import { catchUpStatus, saveSweptPlans } from './plan-status';
import { BetweenBatches, timed } from './batch-pace';

/** Plans or applications read and written per transaction: bounds each statement, lock set and commit. */
const SWEEP_BATCH_SIZE = 500;

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
  runner: CommandRunner, now: Date, policy: LendingPolicy, batchSize = SWEEP_BATCH_SIZE,
  /** Paces the batches of a large sweep (the worker's duty cycle and lease renewal, batch-pace.ts). */
  betweenBatches?: BetweenBatches,
): Promise<number> {
  const ctx = commandContext(policy, now, { partnerId: null, apiKeyId: null, requestId: 'status-sweep' });
  return (await sweepPlans(runner, ctx, batchSize, betweenBatches)) + (await sweepApplications(runner, ctx, batchSize, betweenBatches));
}

/**
 * Pages through `(nextStatusCheckOn, id)` in index order, so each page reads its own rows only. A
 * written plan's next check moves past today (or to null), and one not yet changing (an authorization
 * lapsing later today) keeps its date behind the cursor: no plan is read twice in one sweep.
 */
async function sweepPlans(runner: CommandRunner, ctx: CommandContext, batchSize: number, between?: BetweenBatches): Promise<number> {
  let changed = 0;
  let after: DuePlan | null = null;
  for (;;) {
    const due = await runner.db.repositories.plans.dueForStatusCheck(ctx.today, after, batchSize);
    if (due.length === 0) return changed;
    const batch = await timed(() => runner.unitOfWork((uow) => sweepPlansInTx(uow, ctx, due.map((plan) => plan.id))));
    changed += batch.result;
    if (due.length < batchSize) return changed;
    after = due[due.length - 1];
    await between?.(batch.ms);
  }
}

/**
 * Some plans' share of the sweep, inside the caller's unit of work: locks them in id order (so two
 * sweeps or a sweep and a command never deadlock on the order), reads their installments in one
 * statement, moves each to what planStatusAt says, and writes the plans in one UPDATE per outcome
 * (their events go in one INSERT with the unit of work's). A plan whose status stands but whose
 * stored next check is stale (written before the column existed) gets its date corrected. Returns
 * how many plans changed status.
 */
async function sweepPlansInTx(uow: UnitOfWork, ctx: CommandContext, planIds: number[]): Promise<number> {
  const plans = await uow.tx.plans.lockMany(planIds);
  const installments = await uow.tx.books.installmentsOfPlans(plans.map((plan) => plan.id));
  const byPlan = new Map<number, Installment[]>();
  for (const row of installments) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), row]);
  let changed = 0;
  const toSave: { plan: Plan; rows: Installment[] }[] = [];
  for (const plan of plans) {
    const rows = byPlan.get(plan.id) ?? [];
    const moved = catchUpStatus(uow, ctx, plan, rows);
    if (moved) changed += 1;
    if (moved || nextStatusCheckOn(plan, rows, ctx, ctx.policy) !== plan.nextStatusCheckOn) toSave.push({ plan, rows });
  }
  await saveSweptPlans(uow, ctx, toSave);
  return changed;
}

/** One plan's share of the sweep (the demo seed runs it inside its own unit of work). */
export async function sweepPlanInTx(uow: UnitOfWork, ctx: CommandContext, planId: number): Promise<void> {
  await sweepPlansInTx(uow, ctx, [planId]);
}

/**
 * Every application read leaves the range once written (its status is no longer APPROVED), so the
 * first page is always the next one; a page that changes nothing (all moved concurrently) ends it.
 */
async function sweepApplications(runner: CommandRunner, ctx: CommandContext, batchSize: number, between?: BetweenBatches): Promise<number> {
  let changed = 0;
  for (;;) {
    const ids = await runner.db.repositories.applications.expiredApproved(ctx.now, batchSize);
    if (ids.length === 0) return changed;
    const batch = await timed(() => runner.unitOfWork(async (uow) => {
      const applications = await uow.tx.applications.lockMany(ids);
      let count = 0;
      for (const application of applications) {
        if (applicationStatusAt(application, ctx.now) !== 'EXPIRED' || application.status === 'EXPIRED') continue;
        await moveApplication(uow, ctx, application, 'EXPIRED', 'EXPIRED');
        count += 1;
      }
      return count;
    }));
    changed += batch.result;
    if (batch.result === 0 || ids.length < batchSize) return changed;
    await between?.(batch.ms);
  }
}
