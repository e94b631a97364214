import { businessDate, type IsoDate } from '../../engine';
import type { LendingPolicy } from '../lending-policy';
import type { Actor } from './command-runner';

/** What every lifecycle use case runs with: who acts, when (instant and business date), under which rules. */
export interface CommandContext extends Actor {
  /** Null: every partner (admins, the seed, the sweep). */
  partnerId: number | null;
  policy: LendingPolicy;
  /** The business date of `now` in the lender's time zone. */
  today: IsoDate;
}

export function commandContext(
  policy: LendingPolicy, now: Date, who: { partnerId: number | null; apiKeyId: number | null; requestId: string | null },
): CommandContext {
  return { policy, now, today: businessDate(now, policy.timeZone), ...who };
}
