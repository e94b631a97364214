import { IdempotencyRecord } from '../../../entities';
import { insertRows, withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ idempotencyRecords: r }: TableNames) => ({
  insert: insertRows(r),
  setResponse: `UPDATE ${r} SET ${r.response} = ? WHERE ${r.id} = ?`,
  find: `SELECT * FROM ${r} WHERE ${r.apiKeyId} = ? AND ${r.idempotencyKey} = ?`,
  deleteExpired: `DELETE FROM ${r} WHERE ${r.id} = ? AND ${r.expiresAt} <= ?`,
  // Oldest first through the expiresAt index: the cost is what expired, never the table.
  expired: `SELECT ${r.id} AS id FROM ${r} WHERE ${r.expiresAt} <= ? ORDER BY ${r.expiresAt}, ${r.id} LIMIT ?`,
  deleteExpiredAmong: withList(`DELETE FROM ${r} WHERE ${r.id} IN (...) AND ${r.expiresAt} <= ?`),
});

/** The first result of each mutation, by (API key, idempotency key), kept 24 hours. */
export class IdempotencyRepository {
  private readonly records = this.sql.tables.of(IdempotencyRecord);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** Fails on the unique (apiKeyId, idempotencyKey) index when the key was used. */
  insert(record: NewRow<IdempotencyRecord>): Promise<number> {
    return this.sql.insert(this.s.insert, [record]);
  }

  async setResponse(id: number, response: string): Promise<void> {
    await this.sql.write(this.s.setResponse, [response, id]);
  }

  find(apiKeyId: number, idempotencyKey: string): Promise<IdempotencyRecord | null> {
    return this.sql.one(this.records, this.s.find, [apiKeyId, idempotencyKey]);
  }

  /** Deletes the record if it has expired by `now` (a concurrent purge may have deleted it already). */
  async deleteIfExpired(id: number, now: Date): Promise<void> {
    await this.sql.write(this.s.deleteExpired, [id, this.records.persist('expiresAt', now)]);
  }

  /** Ids of up to `limit` records expired by `now`, oldest first. */
  async expired(now: Date, limit: number): Promise<number[]> {
    const rows = await this.sql.values<{ id: number | string }>(this.s.expired, [this.records.persist('expiresAt', now), limit]);
    return rows.map((row) => Number(row.id));
  }

  /** Deletes those of `ids` still expired by `now`; returns how many it deleted. */
  deleteExpiredAmong(ids: readonly number[], now: Date): Promise<number> {
    return this.sql.write(this.s.deleteExpiredAmong(ids), [...ids, this.records.persist('expiresAt', now)]);
  }
}
