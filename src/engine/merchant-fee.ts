import { show } from './engine-error';
import { assertMinor, MoneyError } from './money';
import { assertRateBps } from './rates';
import { roundHalfUp } from './rounding';
import type { Minor } from './types';

/**
 * The merchant's fee on everything captured and not refunded, rounded half-up. Computed on the
 * cumulative net rather than per operation, so a capture split in parts or a string of partial refunds
 * never drifts by rounding; the fee of one operation is the difference of two calls.
 */
export function merchantFee(args: { captured: number; refunded: number; feeRateBps: number }): Minor {
  const { captured, refunded, feeRateBps } = args;
  assertMinor(captured, 'captured');
  assertMinor(refunded, 'refunded');
  assertRateBps(feeRateBps, 'feeRateBps');
  if (refunded > captured) throw new MoneyError('INVALID_AMOUNT', `refunded ${show(refunded)} exceeds captured ${show(captured)}`);
  return Number(roundHalfUp(BigInt(captured - refunded) * BigInt(feeRateBps), 10_000n)) as Minor;
}
