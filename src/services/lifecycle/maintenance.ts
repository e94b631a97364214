import type { Database } from '../../db/data-source';
import type { LendingPolicy } from '../lending-policy';
import { purgeExpiredIdempotencyRecords } from './idempotency';
import { sweepPlanStatuses } from './status-sweep';

/** Periodic upkeep: plan statuses brought up to the clock, expired idempotency records removed. */
export async function runMaintenance(db: Database, now: Date, policy: LendingPolicy): Promise<void> {
  await sweepPlanStatuses(db, now, policy);
  await purgeExpiredIdempotencyRecords(db, now);
}
