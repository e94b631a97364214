// What every hand-written baseline handler shares: the key lookup, ids, money and dates as the
// gateway shows them, the status a read shows, and one transaction per mutation.
import { createHash } from 'node:crypto';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { daysPastDue, formatAmount, InstallmentState, statusForDaysPastDue } from '../src/engine';
import { businessDate } from '../src/engine';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';

export interface Viewer { apiKeyId: number; role: string; partnerId: number | null }

export type Rows = RowDataPacket[];
export type Inserted = RowDataPacket[] & { insertId: number };

export const money = (minor: string | number, currency: string) => ({ amount: formatAmount(Number(minor), currency), currency });
export const globalIdOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
export const globalId = (type: string, id: number) => globalIdOf(`${type}:${id}`);
export const idOf = (globalIdText: string) => Number(Buffer.from(globalIdText, 'base64url').toString('utf8').split(':')[1]);
/** Business dates in the lender's time zone, as the gateway (run with the default TENOR_TIME_ZONE) computes them. */
export const isoDate = (at: Date) => businessDate(at, DEFAULT_LENDING_POLICY.timeZone);

export async function authenticate(pool: Pool, authorization: string | undefined): Promise<Viewer | null> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!key) return null;
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const [rows] = await pool.query<Rows>('SELECT id, role, partnerId FROM api_keys WHERE keyHash = ? AND revokedAt IS NULL', [hash]);
  return rows[0] ? { apiKeyId: rows[0].id, role: rows[0].role, partnerId: rows[0].partnerId } : null;
}

export interface InstallmentAmounts { dueDate: string; amountDue: string | number; amountPaid: string | number }

/** The status a read shows: lapsed authorizations EXPIRED, servicing plans by days past due. */
export function statusAt(plan: { status: string; authorizationExpiresAt: Date }, installments: InstallmentAmounts[], now: Date): string {
  if (plan.status === 'AUTHORIZED' && plan.authorizationExpiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  if (plan.status !== 'ACTIVE' && plan.status !== 'DELINQUENT') return plan.status;
  const states = installments.map((i) => ({ dueDate: i.dueDate, amountDue: Number(i.amountDue), amountPaid: Number(i.amountPaid) }));
  return statusForDaysPastDue(daysPastDue(states as InstallmentState[], isoDate(now)), DEFAULT_LENDING_POLICY.chargeOffAfterDays);
}

/** The gateway's idempotency hash: operation and input (without the key) as JSON with sorted keys. */
export function requestHash(operation: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(`${operation}\n${sortedJson(rest)}`).digest('hex');
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A refusal: the transaction rolls back (its idempotency record with it) and this is the answer. */
export class Refused {
  constructor(readonly payload: unknown) {}
}

/**
 * One mutation in one READ COMMITTED transaction, its idempotency record inserted first and its
 * stored response written last, as the gateway does. Exactly-once through the record's unique index;
 * replays of a used key are out of this benchmark's scope.
 */
export async function idempotentTransaction(
  pool: Pool, viewer: Viewer, operation: string, input: Record<string, unknown> & { idempotencyKey: string }, now: Date,
  work: (connection: PoolConnection) => Promise<{ stored: unknown; payload: unknown }>,
): Promise<unknown> {
  const connection = await pool.getConnection();
  try {
    await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await connection.beginTransaction();
    const [record] = await connection.query<Inserted>(
      'INSERT INTO idempotency_records (apiKeyId, idempotencyKey, operation, requestHash, response, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [viewer.apiKeyId, input.idempotencyKey, operation, requestHash(operation, input), '', now, new Date(now.getTime() + 24 * 60 * 60 * 1000)],
    );
    const { stored, payload } = await work(connection);
    await connection.query('UPDATE idempotency_records SET response = ? WHERE id = ?', [JSON.stringify(stored), record.insertId]);
    await connection.commit();
    return payload;
  } catch (error) {
    await connection.rollback();
    if (error instanceof Refused) return error.payload;
    throw error;
  } finally {
    connection.release();
  }
}
