// Exact conversion between decimal strings and scaled integers, shared by money (exponent from the
// currency) and rates (basis points: exponent 2 of a percentage). Callers turn a failure reason into
// their own typed error, so this file has no opinion on which contract was broken.

/** Why a decimal string was refused. */
export type DecimalFailure = 'INVALID' | 'TOO_PRECISE' | 'OUT_OF_RANGE';

/** The scaled integer, or why there is none. */
export type DecimalParse = { ok: true; value: number } | { ok: false; reason: DecimalFailure };

// Plain decimal notation only: no exponent, sign '+', whitespace, hex, "Infinity" or bare ".5".
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * "12.3" at exponent 2 -> 1230. Extra fraction digits are accepted only when they are zeros
 * ("12.300" is exactly 12.30); anything finer is TOO_PRECISE rather than silently rounded.
 */
export function parseScaled(text: string, exponent: number): DecimalParse {
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (match === null) return { ok: false, reason: 'INVALID' };
  const [, sign, whole, fraction = ''] = match;
  if (/[^0]/.test(fraction.slice(exponent))) return { ok: false, reason: 'TOO_PRECISE' };
  const scaled = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (scaled > MAX) return { ok: false, reason: 'OUT_OF_RANGE' };
  const value = Number(scaled);
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** 16134 at exponent 2 -> "161.34"; -5 -> "-0.05"; always exactly `exponent` fraction digits. */
export function formatScaled(value: number, exponent: number): string {
  const digits = Math.abs(value).toString().padStart(exponent + 1, '0');
  const sign = value < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
