import { show } from './engine-error';
import { ScheduleError } from './schedule-error';
import type { Minor } from './types';

/**
 * Four amounts summing to `total`. The whole leftover (0..3 units) goes on the first payment, which
 * is collected at checkout, so the three later payments are identical (10003 -> 2503, 2500, 2500, 2500).
 */
export function splitPayIn4(total: number): [Minor, Minor, Minor, Minor] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new ScheduleError('INVALID_AMOUNT', `splitPayIn4 total must be a non-negative integer of minor units, got ${show(total)}`);
  }
  const rest = Math.floor(total / 4) as Minor;
  return [(total - 3 * rest) as Minor, rest, rest, rest];
}
