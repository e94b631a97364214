import type { Database } from '../../db/data-source';
import type { LendingPolicy } from '../lending-policy';
import { purgeExpiredIdempotencyRecords } from './idempotency';
import { sweepStatuses } from './status-sweep';

/** Periodic upkeep: plan and application statuses brought up to the clock, expired idempotency records removed. */
export async function runMaintenance(db: Database, now: Date, policy: LendingPolicy): Promise<void> {
  await sweepStatuses(db, now, policy);
  await purgeExpiredIdempotencyRecords(db, now);
}
