import { isIsoDate } from '../../src/engine';
import { type CurrencyCode, isCurrencyCode } from '../../src/engine';

/**
 * Opaque global ids: base64url of "Type:id". Clients must not parse them; the encoding lets `node`
 * route an id to its type without a lookup table.
 */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/**
 * The numeric id inside a global id of the expected type, or null for anything else. Reads answer
 * null and mutations NOT_FOUND for every id that names nothing the caller can see, malformed or of
 * another type included (docs/api.md, "Ids and node"): one branch for clients, and nothing learned
 * about what exists.
 */
export function fromGlobalId(globalId: string, expectedType?: string): { type: string; id: number } | null {
  if (globalId.length === 0 || globalId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || (expectedType && match[1] !== expectedType)) return null;
  return { type: match[1], id };
}

/** What a payment estimate is: the same four values always give the same figures. */
export interface EstimateKey {
  programId: number;
  /** Decimal string with the currency's minor digits, as the estimate shows it. */
  amount: string;
  currency: CurrencyCode;
  /** The capture date the estimate's schedule assumes. */
  startDate: string;
}

const ESTIMATE_ID = /^Estimate:([1-9][0-9]{0,15}):((?:0|[1-9][0-9]{0,15})(?:\.[0-9]{1,4})?):([A-Z]{3}):([0-9]{4}-[0-9]{2}-[0-9]{2})$/;

/**
 * Estimates are computed, not stored, so their id is what they are: a normalized client cache
 * (Apollo's InMemoryCache, Relay) keeps the figures of 100.00 and 900.00 apart, and `node` can
 * recompute one. They are `Offer`s, but fromGlobalId never accepts them, so acceptOffer cannot.
 */
export function toEstimateId(key: EstimateKey): string {
  return Buffer.from(`Estimate:${key.programId}:${key.amount}:${key.currency}:${key.startDate}`, 'utf8').toString('base64url');
}

export function fromEstimateId(globalId: string): EstimateKey | null {
  if (globalId.length === 0 || globalId.length > 96 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const match = ESTIMATE_ID.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!match) return null;
  const programId = Number(match[1]);
  const currency = match[3];
  if (!Number.isSafeInteger(programId) || !isCurrencyCode(currency) || !isIsoDate(match[4])) return null;
  return { programId, amount: match[2], currency, startDate: match[4] };
}
