import { ApiKey } from '../../../entities';
import { Sql, withList } from '../sql';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ apiKeys: k }: TableNames) => ({
  active: `SELECT * FROM ${k} WHERE ${k.keyHash} = ? AND ${k.revokedAt} IS NULL`,
  activeAmong: withList(`SELECT * FROM ${k} WHERE ${k.keyHash} IN (...) AND ${k.revokedAt} IS NULL`),
});

/** API keys: the lookup of every request, and the keys admins issue and revoke. */
export class ApiKeyRepository {
  private readonly keys = this.sql.tables.of(ApiKey);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  /** The unrevoked key with this SHA-256: one statement on the unique index, the same SQL on both drivers. */
  async active(keyHash: string): Promise<ApiKey | null> {
    const [key] = await this.sql.rows(this.keys, this.s.active, [keyHash]);
    return key ?? null;
  }

  /** The unrevoked keys among these hashes (production refuses to start with a demo key active). */
  activeAmong(keyHashes: readonly string[]): Promise<ApiKey[]> {
    return this.sql.rows(this.keys, this.s.activeAmong(keyHashes), keyHashes);
  }

  byId(id: number): Promise<ApiKey | null> {
    return this.sql.one(this.keys, { id });
  }

  insert(key: NewRow<ApiKey>): Promise<number> {
    return this.sql.insert(this.keys, [key]);
  }

  recordUse(id: number, at: Date): Promise<void> {
    return this.sql.update(this.keys, id, { lastUsedAt: at });
  }

  revoke(id: number, at: Date): Promise<void> {
    return this.sql.update(this.keys, id, { revokedAt: at });
  }
}
