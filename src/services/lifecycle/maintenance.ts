import type { Database } from '../../db/data-source';
import type { LendingPolicy } from '../lending-policy';
import { purgeExpiredIdempotencyRecords } from './idempotency';
import type { BetweenBatches } from './batch-pace';
import { sweepStatuses } from './status-sweep';

/** Periodic upkeep: plan and application statuses brought up to the clock, expired idempotency records removed. */
export async function runMaintenance(db: Database, now: Date, policy: LendingPolicy, betweenBatches?: BetweenBatches): Promise<void> {
  await sweepStatuses(db, now, policy, undefined, betweenBatches);
  await purgeExpiredIdempotencyRecords(db, now);
}
