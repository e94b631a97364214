import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { Database } from '../../db/data-source';
import type { RequestDeadline } from '../../db/deadline';
import { isDuplicateKey } from '../../db/faults';
import type { Repositories } from '../../db/repositories';
import { publishReplay } from './domain-events';
import { STORED_TEXT } from '../stored-text';
import { writeTransaction } from './transaction';
import { MutationRefused, UserErrorValue } from './user-error';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a mutation returns: the ids of what it touched, or the userErrors that refused it. */
export type Outcome<T> = { result: T; userErrors: UserErrorValue[] };

export interface IdempotentCall {
  apiKeyId: number;
  operation: string;
  idempotencyKey: string;
  /** The input without the key; its canonical hash tells a retry from a reuse. */
  input: unknown;
  now: Date;
  /** The request's deadline, handed to the transaction. */
  deadline?: RequestDeadline;
}

/** Results may carry the committed rows for the answer (`snapshot`); the record keeps ids only. */
const withoutSnapshot = (key: string, value: unknown) => (key === 'snapshot' ? undefined : value);

const stableStringify = configure({ deterministic: true });

/**
 * JSON with keys sorted by UTF-16 code units (never by the process locale) and undefined values left
 * out, so two equal inputs hash equally whatever their key order, on every machine.
 */
export const canonicalJson = (value: unknown): string => stableStringify(value) ?? 'null';

/** The hash stored with a record: what tells a retry (same operation and input) from a reuse of its key. */
export const requestHash = (operation: string, input: unknown): string =>
  createHash('sha256').update(`${operation}\n${canonicalJson(input)}`).digest('hex');

/**
 * Runs a mutation exactly once per (API key, idempotency key). The record is inserted FIRST in the
 * mutation's own transaction: a retry fails on the unique index and replays the stored result, and a
 * concurrent duplicate blocks on that index until the first commits, then does the same. A refused
 * mutation rolls back with its record, so the client may correct the input and retry with the same key.
 */
export async function runIdempotent<T>(
  db: Database, call: IdempotentCall, work: (tx: Repositories) => Promise<T>,
): Promise<Outcome<T>> {
  // Validation refused these already (the schema's inputs); a caller that skipped it must not reach the column.
  const { minLength, maxLength } = STORED_TEXT.idempotencyKey;
  if (STORED_TEXT.idempotencyKey.refusal(call.idempotencyKey)) {
    return refused([{ code: 'INVALID', field: ['input', 'idempotencyKey'], message: `idempotencyKey must be ${minLength} to ${maxLength} characters of well-formed text` }]);
  }
  const hash = requestHash(call.operation, call.input);
  const records = db.repositories.idempotency;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const result = await writeTransaction(db, async (tx) => {
        // First statement of the transaction: a used key fails here, before any work is done.
        const recordId = await tx.idempotency.insert({
          apiKeyId: call.apiKeyId, idempotencyKey: call.idempotencyKey, operation: call.operation, requestHash: hash,
          response: '', createdAt: call.now, expiresAt: new Date(call.now.getTime() + IDEMPOTENCY_TTL_MS),
        });
        const value = await work(tx);
        await tx.idempotency.setResponse(recordId, JSON.stringify(value, withoutSnapshot));
        return value;
      }, { retrySafe: true, deadline: call.deadline });
      return { result, userErrors: [] };
    } catch (error) {
      if (error instanceof MutationRefused) return refused(error.userErrors);
      if (!isDuplicateKey(error)) throw error;
    }
    // The key is taken (perhaps by a duplicate that was running concurrently and has committed):
    // replay it, refuse its reuse, or free it if it expired. On SQLite this read waits for any open
    // write (WriteSerializer), so it never sees another write's uncommitted record.
    const existing = await records.find(call.apiKeyId, call.idempotencyKey);
    if (!existing) continue; // the duplicate key was another unique row of the work; the retry decides
    if (existing.expiresAt.getTime() <= call.now.getTime()) {
      await records.deleteIfExpired(existing.id, call.now);
      continue;
    }
    if (existing.requestHash !== hash || existing.operation !== call.operation) {
      return refused([{
        code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'],
        message: 'This idempotencyKey was already used with a different input; use a new key for a new request',
      }]);
    }
    publishReplay(db, call.operation);
    return { result: JSON.parse(existing.response) as T, userErrors: [] };
  }
  return refused([{ code: 'CONFLICT', field: ['input', 'idempotencyKey'], message: 'A request with this idempotencyKey is still in progress; retry shortly' }]);
}

function refused<T>(userErrors: UserErrorValue[]): Outcome<T> {
  return { result: null as T, userErrors };
}

/** Records deleted per statement: a day's worth at peak never becomes one long-locking DELETE. */
export const PURGE_BATCH_SIZE = 1_000;

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
