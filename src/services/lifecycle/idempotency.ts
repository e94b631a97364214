import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { Database } from '../../db/data-source';
import type { Repositories } from '../../db/repositories';
import { STORED_TEXT } from '../stored-text';
import type { UserErrorValue } from './user-error';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A mutation as its idempotency record knows it (command-runner.ts runs it). */
export interface IdempotentCall {
  apiKeyId: number;
  operation: string;
  idempotencyKey: string;
  /** The input without the key; its canonical hash tells a retry from a reuse. */
  input: unknown;
  now: Date;
}

const stableStringify = configure({ deterministic: true });

/**
 * JSON with keys sorted by UTF-16 code units (never by the process locale) and undefined values left
 * out, so two equal inputs hash equally whatever their key order, on every machine.
 */
export const canonicalJson = (value: unknown): string => stableStringify(value) ?? 'null';

/** The hash stored with a record: what tells a retry (same operation and input) from a reuse of its key. */
export const requestHash = (operation: string, input: unknown): string =>
  createHash('sha256').update(`${operation}\n${canonicalJson(input)}`).digest('hex');

/** Validation refused these already (the schema's inputs); a caller that skipped it must not reach the column. */
export function keyRefusal(idempotencyKey: string): UserErrorValue | null {
  const { minLength, maxLength } = STORED_TEXT.idempotencyKey;
  return STORED_TEXT.idempotencyKey.refusal(idempotencyKey) === null ? null : {
    code: 'INVALID', field: ['input', 'idempotencyKey'], message: `idempotencyKey must be ${minLength} to ${maxLength} characters of well-formed text`,
  };
}

/** The first statement of a mutation's transaction: a used key fails here on the unique index, before any work. Returns the record's id. */
export const claimKey = (tx: Repositories, call: IdempotentCall, requestHash: string): Promise<number> => tx.idempotency.insert({
  apiKeyId: call.apiKeyId, idempotencyKey: call.idempotencyKey, operation: call.operation, requestHash,
  response: '', createdAt: call.now, expiresAt: new Date(call.now.getTime() + IDEMPOTENCY_TTL_MS),
});

/** Results may carry the committed rows for the answer (`snapshot`); the record keeps ids only. */
const withoutSnapshot = (key: string, value: unknown) => (key === 'snapshot' ? undefined : value);

/** Stores the mutation's result with its record, for replays. */
export const answerKey = (tx: Repositories, recordId: number, result: unknown): Promise<void> =>
  tx.idempotency.setResponse(recordId, JSON.stringify(result, withoutSnapshot));

/** What the earlier use of a taken key says: replay its result, refuse the reuse, or null: the key is free again, try anew. */
export type PreviousUse<T> = { replay: T } | { reused: UserErrorValue } | null;

/**
 * Reads the record that took the key. None (the duplicate key was another unique row of the work) or
 * an expired one (deleted here) leaves the key to a new attempt. On SQLite this read waits for any
 * open write (WriteSerializer), so it never sees another write's uncommitted record.
 */
export async function previousUse<T>(db: Database, call: IdempotentCall, requestHash: string): Promise<PreviousUse<T>> {
  const records = db.repositories.idempotency;
  const existing = await records.find(call.apiKeyId, call.idempotencyKey);
  if (!existing) return null;
  if (existing.expiresAt.getTime() <= call.now.getTime()) {
    await records.deleteIfExpired(existing.id, call.now);
    return null;
  }
  if (existing.requestHash !== requestHash || existing.operation !== call.operation) {
    return { reused: {
      code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'],
      message: 'This idempotencyKey was already used with a different input; use a new key for a new request',
    } };
  }
  return { replay: JSON.parse(existing.response) as T };
}

/** Records deleted per statement: a day's worth at peak never becomes one long-locking DELETE. */
const PURGE_BATCH_SIZE = 1_000;

/**
 * Deletes records past their 24 hours, oldest first in batches through the expiresAt index (cost: what
 * expired, never the table); their keys may then be used afresh. Idle, it is one indexed SELECT.
 */
export async function purgeExpiredIdempotencyRecords(db: Database, now: Date, batchSize = PURGE_BATCH_SIZE): Promise<number> {
  const records = db.repositories.idempotency;
  let purged = 0;
  for (;;) {
    const expired = await records.expired(now, batchSize);
    if (expired.length === 0) return purged;
    purged += await records.deleteExpiredAmong(expired, now);
    if (expired.length < batchSize) return purged;
  }
}
