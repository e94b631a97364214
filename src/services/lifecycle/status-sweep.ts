import { Brackets, EntityManager } from 'typeorm';
import { Application, Installment, Plan } from '../../../entities';
import type { Database } from '../../db/data-source';
import { addDays, DELINQUENT_AFTER_DAYS } from '../../engine';
import { applicationStatusAt } from '../application-view';
import { selectRows } from '../../db/plain-rows';
import type { LendingPolicy } from '../lending-policy';
import { commandContext, CommandContext } from './command-context';
import { moveApplication } from './application-status';
import { catchUpStatus, savePlan } from './plan-status';
import { writeTransaction } from './transaction';

/**
 * Writes the statuses reads derive from the clock (planStatusAt, applicationStatusAt), each with its
 * audit event, so that status filters, which read the stored column, agree with what reads show:
 * lapsed authorizations EXPIRED, plans DELINQUENT at 30+ days past due and ACTIVE again once caught
 * up, CHARGED_OFF at CHARGE_OFF_AFTER_DAYS, approved applications past their expiry EXPIRED. Runs at
 * start-up and then periodically; each change is its own transaction under the row's lock.
 */
export async function sweepStatuses(db: Database, now: Date, policy: LendingPolicy): Promise<number> {
  const ctx = commandContext(db, policy, now, { partnerId: null, apiKeyId: null, requestId: 'status-sweep' });
  return (await sweepPlans(ctx)) + (await sweepApplications(ctx));
}

async function sweepPlans(ctx: CommandContext): Promise<number> {
  const { db } = ctx;
  // The SQL only narrows the candidates; planStatusAt decides for each one.
  const overdueSince = (alias: string, parameter: string) => db.dataSource.createQueryBuilder()
    .subQuery().select('1').from(Installment, 'i')
    .where(`i.planId = ${alias}.id AND i.amountPaid < i.amountDue AND i.dueDate <= :${parameter}`).getQuery();
  const candidates = await db.dataSource.getRepository(Plan).createQueryBuilder('p')
    .select(['p.id'])
    .where(new Brackets((qb) => qb
      .where('p.status = :authorized AND p.authorizationExpiresAt <= :now')
      .orWhere(`p.status = :active AND EXISTS ${overdueSince('p', 'delinquentCutoff')}`)
      .orWhere(`p.status = :delinquent AND NOT EXISTS ${overdueSince('p', 'delinquentCutoff')}`)
      .orWhere(`p.status IN (:active, :delinquent) AND EXISTS ${overdueSince('p', 'chargeOffCutoff')}`)))
    .setParameters({
      authorized: 'AUTHORIZED', active: 'ACTIVE', delinquent: 'DELINQUENT', now: ctx.now,
      delinquentCutoff: addDays(ctx.today, -DELINQUENT_AFTER_DAYS), chargeOffCutoff: addDays(ctx.today, -ctx.policy.chargeOffAfterDays),
    })
    .getMany();
  for (const { id } of candidates) await writeTransaction(db, (manager) => sweepPlanInTx(manager, ctx, id));
  return candidates.length;
}

/** One plan's share of the sweep, inside the caller's transaction (the demo seed runs it in its own). */
export async function sweepPlanInTx(manager: EntityManager, ctx: CommandContext, planId: number): Promise<void> {
  const [plan] = await selectRows(manager, Plan, { id: planId }, { forUpdate: true });
  if (plan && await catchUpStatus(manager, ctx, plan, await selectRows(manager, Installment, { planId }))) await savePlan(manager, plan, ctx.now);
}

async function sweepApplications(ctx: CommandContext): Promise<number> {
  const candidates = await ctx.db.dataSource.getRepository(Application).createQueryBuilder('a')
    .select(['a.id']).where('a.status = :approved AND a.expiresAt <= :now', { approved: 'APPROVED', now: ctx.now }).getMany();
  for (const { id } of candidates) {
    await writeTransaction(ctx.db, async (manager) => {
      const [application] = await selectRows(manager, Application, { id }, { forUpdate: true });
      if (application && applicationStatusAt(application, ctx.now) === 'EXPIRED') {
        await moveApplication(manager, ctx, application, 'EXPIRED', 'EXPIRED');
      }
    });
  }
  return candidates.length;
}
