import { EngineError, show } from './engine-error';

/** Ratios or a part count that cannot split an amount. */
export class DistributeError extends EngineError<'INVALID_AMOUNT' | 'INVALID_RATIOS'> {}

/**
 * Splits `total` in proportion to integer `ratios`, dinero.js style: each share is rounded down,
 * then the leftover units go one by one to the first shares with a non-zero ratio, so the shares
 * always sum to `total` exactly and differ from the exact proportion by less than one unit.
 */
export function distribute(total: number, ratios: number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new DistributeError('INVALID_AMOUNT', `distribute total must be a safe integer, got ${show(total)}`);
  if (!Array.isArray(ratios) || ratios.length === 0 || !ratios.every((r) => Number.isSafeInteger(r) && r >= 0)) {
    throw new DistributeError('INVALID_RATIOS', `distribute ratios must be non-negative integers, got ${show(ratios)}`);
  }
  const sum = ratios.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) throw new DistributeError('INVALID_RATIOS', `distribute ratios must not all be zero, got ${show(ratios)}`);
  // bigint keeps total * ratio exact; division truncates toward zero, so a negative total is
  // handled symmetrically by handing out -1 units.
  const shares = ratios.map((r) => Number((BigInt(total) * BigInt(r)) / sum));
  const unit = total < 0 ? -1 : 1;
  let remainder = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; remainder !== 0; i++) {
    if (ratios[i] > 0) {
      shares[i] += unit;
      remainder -= unit;
    }
  }
  return shares;
}

/** `total` in `parts` equal shares; the leftover units go one each to the first parts. */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new DistributeError('INVALID_RATIOS', `splitEvenly needs a positive integer number of parts, got ${show(parts)}`);
  }
  return distribute(total, new Array<number>(parts).fill(1));
}
