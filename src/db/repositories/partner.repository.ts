import { Partner } from '../../../entities';
import type { Sql } from '../sql';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ partners: p }: TableNames) => ({
  any: `SELECT 1 AS one FROM ${p} LIMIT 1`,
});

/** Partners, the tenants of the platform. */
export class PartnerRepository {
  private readonly partners = this.sql.tables.of(Partner);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  byId(id: number): Promise<Partner | null> {
    return this.sql.one(this.partners, { id });
  }

  byName(name: string): Promise<Partner | null> {
    return this.sql.one(this.partners, { name });
  }

  /** Whether any partner exists (the demo seed fills only an empty database). */
  async any(): Promise<boolean> {
    return (await this.sql.values(this.s.any, [])).length > 0;
  }

  insert(partner: NewRow<Partner>): Promise<number> {
    return this.sql.insert(this.partners, [partner]);
  }
}
