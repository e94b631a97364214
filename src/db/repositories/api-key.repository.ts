import { ApiKey } from '../../../entities';
import { insertRows, withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ apiKeys: k }: TableNames) => ({
  active: `SELECT * FROM ${k} WHERE ${k.keyHash} = ? AND ${k.revokedAt} IS NULL`,
  activeAmong: withList(`SELECT * FROM ${k} WHERE ${k.keyHash} IN (...) AND ${k.revokedAt} IS NULL`),
  byId: `SELECT * FROM ${k} WHERE ${k.id} = ?`,
  insert: insertRows(k),
  recordUse: `UPDATE ${k} SET ${k.lastUsedAt} = ? WHERE ${k.id} = ?`,
  revoke: `UPDATE ${k} SET ${k.revokedAt} = ? WHERE ${k.id} = ?`,
});

/** API keys: the lookup of every request, and the keys admins issue and revoke. */
export class ApiKeyRepository {
  private readonly keys = this.sql.tables.of(ApiKey);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** The unrevoked key with this SHA-256: one statement on the unique index, the same SQL on both drivers. */
  active(keyHash: string): Promise<ApiKey | null> {
    return this.sql.one(this.keys, this.s.active, [keyHash]);
  }

  /** The unrevoked keys among these hashes (production refuses to start with a demo key active). */
  activeAmong(keyHashes: readonly string[]): Promise<ApiKey[]> {
    return this.sql.rows(this.keys, this.s.activeAmong(keyHashes), keyHashes);
  }

  byId(id: number): Promise<ApiKey | null> {
    return this.sql.one(this.keys, this.s.byId, [id]);
  }

  insert(key: NewRow<ApiKey>): Promise<number> {
    return this.sql.insert(this.s.insert, [key]);
  }

  async recordUse(id: number, at: Date): Promise<void> {
    await this.sql.write(this.s.recordUse, [this.keys.persist('lastUsedAt', at), id]);
  }

  async revoke(id: number, at: Date): Promise<void> {
    await this.sql.write(this.s.revoke, [this.keys.persist('revokedAt', at), id]);
  }
}
