import type { LendingPolicy } from '../lending-policy';
import type { BetweenBatches } from './batch-pace';
import type { CommandRunner } from './command-runner';
import { purgeExpiredIdempotencyRecords } from './idempotency';
import { sweepStatuses } from './status-sweep';

/** Periodic upkeep: plan and application statuses brought up to the clock, expired idempotency records removed. */
export async function runMaintenance(runner: CommandRunner, now: Date, policy: LendingPolicy, betweenBatches?: BetweenBatches): Promise<void> {
  await sweepStatuses(runner, now, policy, undefined, betweenBatches);
  await purgeExpiredIdempotencyRecords(runner.db, now);
}
