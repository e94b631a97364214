import type { Database } from '../../db/data-source';
import type { IsoDate } from '../../engine';
import { businessDate } from '../business-date';
import type { LendingPolicy } from '../lending-policy';
import type { Actor } from './plan-events';

/** What every lifecycle use case runs with: who acts, when (instant and business date), under which rules. */
export interface CommandContext extends Actor {
  db: Database;
  /** Null: every partner (admins, the seed, the sweep). */
  partnerId: number | null;
  policy: LendingPolicy;
  /** The business date of `now` in the lender's time zone. */
  today: IsoDate;
}

export function commandContext(
  db: Database, policy: LendingPolicy, now: Date, who: { partnerId: number | null; apiKeyId: number | null; requestId: string | null },
): CommandContext {
  return { db, policy, now, today: businessDate(now, policy.timeZone), ...who };
}
