import { Brackets } from 'typeorm';
import { Installment, Plan } from '../../../entities';
import type { Database } from '../../db/data-source';
import { addDays, DELINQUENT_AFTER_DAYS } from '../../engine';
import { planStatusAt } from '../plan-view';
import { businessDate } from '../business-date';
import type { LendingPolicy } from '../lending-policy';
import { selectRows } from '../../db/plain-rows';
import { savePlan, transition } from './plan-status';
import { writeTransaction } from './transaction';

/**
 * Brings stored statuses up to the clock: lapsed authorizations EXPIRED, plans 30+ days past due
 * DELINQUENT and caught-up ones ACTIVE again, each with an audit event. Reads already derive the
 * status from the clock; this keeps status filters and the audit trail in step. Runs at start-up and
 * then periodically.
 */
export async function sweepPlanStatuses(db: Database, now: Date, policy: LendingPolicy): Promise<number> {
  const cutoff = addDays(businessDate(now, policy.timeZone), -DELINQUENT_AFTER_DAYS);
  const overdue = (alias: string) => db.dataSource.createQueryBuilder()
    .subQuery().select('1').from(Installment, 'i')
    .where(`i.planId = ${alias}.id AND i.amountPaid < i.amountDue AND i.dueDate <= :cutoff`).getQuery();
  const candidates = await db.dataSource.getRepository(Plan).createQueryBuilder('p')
    .select(['p.id', 'p.status'])
    .where(new Brackets((qb) => qb
      .where('p.status = :authorized AND p.authorizationExpiresAt <= :now')
      .orWhere(`p.status = :active AND EXISTS ${overdue('p')}`)
      .orWhere(`p.status = :delinquent AND NOT EXISTS ${overdue('p')}`)))
    .setParameters({ authorized: 'AUTHORIZED', active: 'ACTIVE', delinquent: 'DELINQUENT', now, cutoff })
    .getMany();
  const actor = { apiKeyId: null, requestId: 'status-sweep', now };
  for (const { id } of candidates) {
    await writeTransaction(db, async (manager) => {
      const [plan] = await selectRows(manager, Plan, { id }, { forUpdate: true });
      if (!plan) return;
      const next = planStatusAt(plan, await selectRows(manager, Installment, { planId: id }), now);
      if (next === plan.status) return;
      await transition(manager, actor, plan, next, next === 'EXPIRED' ? 'AUTHORIZATION_EXPIRED' : 'STATUS_CHANGED');
      await savePlan(manager, plan, now);
    });
  }
  return candidates.length;
}
