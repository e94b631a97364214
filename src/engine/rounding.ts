import { EngineError, show } from './engine-error';

/** A rounding function was asked to divide by zero or a negative number. */
export class RoundingError extends EngineError<'INVALID_DIVISOR' | 'INVALID_OPERAND'> {}

// Rounding modes take the exact quotient n/d as two bigints, so no float ever decides a cent.
// As in dinero.js, "up" and "down" are toward +infinity and -infinity; money here is never negative
// when rounded, so half-up matches the "round half away from zero" of loan documents.

function checkDivisor(d: bigint): void {
  if (d <= 0n) throw new RoundingError('INVALID_DIVISOR', `rounding needs a positive divisor, got ${show(d)}`);
}

function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d; // truncates toward zero
  return n % d < 0n ? q - 1n : q;
}

/** floor(n/d): rounds toward -infinity. */
export function roundDown(n: bigint, d: bigint): bigint {
  checkDivisor(d);
  return floorDiv(n, d);
}

/** n/d rounded to the nearest integer, ties toward +infinity (2.5 -> 3, -2.5 -> -2). */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  checkDivisor(d);
  return floorDiv(2n * n + d, 2n * d);
}

/** n/d rounded to the nearest integer, ties to the even neighbour (banker's rounding). */
export function roundHalfEven(n: bigint, d: bigint): bigint {
  checkDivisor(d);
  const q = floorDiv(n, d);
  const twice = 2n * (n - q * d);
  if (twice > d || (twice === d && q % 2n !== 0n)) return q + 1n;
  return q;
}

/**
 * a*b/d rounded half-up for safe integers, exact. The hot paths (amortization rows) stay in
 * `number` while the product is a safe integer and fall back to bigint only when it is not.
 */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d)) {
    throw new RoundingError('INVALID_OPERAND', `mulDivHalfUp takes safe integers, got ${show(a)}, ${show(b)}, ${show(d)}`);
  }
  const product = a * b;
  if (!Number.isSafeInteger(product)) return Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(d)));
  checkDivisor(BigInt(d));
  // The float quotient may be off by one near an integer; the exact remainder corrects it.
  let q = Math.floor(product / d);
  let r = product - q * d;
  if (r < 0) { q -= 1; r += d; } else if (r >= d) { q += 1; r -= d; }
  return 2 * r >= d ? q + 1 : q;
}
