import { formatScaled, parseScaled } from './decimal';
import { EngineError, show } from './engine-error';

/** A rate string or basis-point value outside the rate contract. */
export class RateError extends EngineError<'INVALID_RATE' | 'TOO_PRECISE' | 'OUT_OF_RANGE'> {}

/** Rates are percentages with two decimals, held as integer basis points (15.00% = 1500). */
const RATE_EXPONENT = 2;
/** 100.00%: no program in this product lends above it, so a bigger input is a typo. */
export const MAX_RATE_BPS = 10_000;

/** Throws unless `bps` is an integer number of basis points in 0..MAX_RATE_BPS. */
export function assertRateBps(bps: unknown, what = 'rate'): asserts bps is number {
  if (!Number.isSafeInteger(bps)) throw new RateError('INVALID_RATE', `${what} must be integer basis points, got ${show(bps)}`);
  if ((bps as number) < 0 || (bps as number) > MAX_RATE_BPS) {
    throw new RateError('OUT_OF_RANGE', `${what} must be 0..${MAX_RATE_BPS} basis points, got ${show(bps)}`);
  }
}

/** 1500 -> "15.00". */
export function formatRate(bps: number): string {
  assertRateBps(bps);
  return formatScaled(bps, RATE_EXPONENT);
}

/** "15.00" -> 1500, "9.5" -> 950; plain decimals only, at most two decimals, 0..100%. */
export function parseRate(text: string): number {
  const parsed = parseScaled(text, RATE_EXPONENT);
  if (!parsed.ok) {
    const code = parsed.reason === 'INVALID' ? 'INVALID_RATE' : parsed.reason;
    throw new RateError(code, `rate must be a percentage like "15.00", got ${show(text)}`);
  }
  assertRateBps(parsed.value, `rate ${show(text)}`);
  return parsed.value;
}
