import { EntityManager } from 'typeorm';
import { Application, Installment, Plan } from '../../../entities';
import type { Database } from '../../db/data-source';
import { applicationStatusAt } from '../application-view';
import { nextStatusCheckOn } from '../plan-view';
import { placeholders, queryRows } from '../../db/plain-rows';
import type { LendingPolicy } from '../lending-policy';
import { commandContext, CommandContext } from './command-context';
import { moveApplication } from './application-status';
import { PlanEventDraft, recordEvents } from './plan-events';
import { catchUpMove, saveSweptPlans } from './plan-status';
import { writeTransaction } from './transaction';

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
export async function sweepStatuses(db: Database, now: Date, policy: LendingPolicy, batchSize = SWEEP_BATCH_SIZE): Promise<number> {
  const ctx = commandContext(db, policy, now, { partnerId: null, apiKeyId: null, requestId: 'status-sweep' });
  return (await sweepPlans(ctx, batchSize)) + (await sweepApplications(ctx, batchSize));
}

interface DuePlan { id: number; nextStatusCheckOn: string }

/**
 * Pages through `(nextStatusCheckOn, id)` in index order, so each page reads its own rows only. A
 * written plan's next check moves past today (or to null), and one not yet changing (an authorization
 * lapsing later today) keeps its date behind the cursor: no plan is read twice in one sweep.
 */
async function sweepPlans(ctx: CommandContext, batchSize: number): Promise<number> {
  let changed = 0;
  let after: DuePlan | null = null;
  for (;;) {
    const query = ctx.db.dataSource.getRepository(Plan).createQueryBuilder('p')
      .select('p.id', 'id').addSelect('p.nextStatusCheckOn', 'nextStatusCheckOn')
      .where('p.nextStatusCheckOn <= :today', { today: ctx.today })
      .orderBy('p.nextStatusCheckOn').addOrderBy('p.id').limit(batchSize);
    if (after) {
      query.andWhere('(p.nextStatusCheckOn > :on OR (p.nextStatusCheckOn = :on AND p.id > :id))', { on: after.nextStatusCheckOn, id: after.id });
    }
    const due: DuePlan[] = await query.getRawMany();
    if (due.length === 0) return changed;
    const ids = due.map((row) => Number(row.id));
    changed += await writeTransaction(ctx.db, (manager) => sweepPlansInTx(manager, ctx, ids));
    if (due.length < batchSize) return changed;
    after = { id: Number(due[due.length - 1].id), nextStatusCheckOn: String(due[due.length - 1].nextStatusCheckOn) };
  }
}

const forUpdate = (manager: EntityManager): string => (manager.connection.driver.options.type === 'mysql' ? ' FOR UPDATE' : '');

/**
 * Some plans' share of the sweep, inside the caller's transaction: locks them in id order (so two
 * sweeps or a sweep and a command never deadlock on the order), reads their installments in one
 * statement, moves each to what planStatusAt says, and writes the events in one INSERT and the plans
 * in one UPDATE per outcome. A plan whose status stands but whose stored next check is stale (written
 * before the column existed) gets its date corrected. Returns how many plans changed status.
 */
export async function sweepPlansInTx(manager: EntityManager, ctx: CommandContext, planIds: number[]): Promise<number> {
  const ids = [...planIds].sort((a, b) => a - b);
  const plans = await queryRows(manager, Plan, (t) => `SELECT * FROM ${t} WHERE id IN (${placeholders(ids)}) ORDER BY id${forUpdate(manager)}`, ids);
  const installments = await queryRows(manager, Installment, (t) => `SELECT * FROM ${t} WHERE planId IN (${placeholders(ids)}) ORDER BY planId, sequence`, ids);
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
  await recordEvents(manager, ctx, events);
  await saveSweptPlans(manager, ctx, toSave);
  return events.length;
}

/** One plan's share of the sweep (the demo seed runs it inside its own transaction). */
export async function sweepPlanInTx(manager: EntityManager, ctx: CommandContext, planId: number): Promise<void> {
  await sweepPlansInTx(manager, ctx, [planId]);
}

/**
 * Every application read leaves the range once written (its status is no longer APPROVED), so the
 * first page is always the next one; a page that changes nothing (all moved concurrently) ends it.
 */
async function sweepApplications(ctx: CommandContext, batchSize: number): Promise<number> {
  let changed = 0;
  for (;;) {
    const query = ctx.db.dataSource.getRepository(Application).createQueryBuilder('a').select('a.id', 'id')
      .where('a.status = :approved AND a.expiresAt <= :now', { approved: 'APPROVED', now: ctx.now })
      .orderBy('a.expiresAt').addOrderBy('a.id').limit(batchSize);
    const ids = (await query.getRawMany<{ id: number }>()).map((row) => Number(row.id)).sort((a, b) => a - b);
    if (ids.length === 0) return changed;
    const moved = await writeTransaction(ctx.db, async (manager) => {
      const applications = await queryRows(manager, Application, (t) => `SELECT * FROM ${t} WHERE id IN (${placeholders(ids)}) ORDER BY id${forUpdate(manager)}`, ids);
      let count = 0;
      for (const application of applications) {
        if (applicationStatusAt(application, ctx.now) !== 'EXPIRED' || application.status === 'EXPIRED') continue;
        await moveApplication(manager, ctx, application, 'EXPIRED', 'EXPIRED');
        count += 1;
      }
      return count;
    });
    changed += moved;
    if (moved === 0 || ids.length < batchSize) return changed;
  }
}
