import { Partner } from '../../../entities';
import { insertRows } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ partners: p }: TableNames) => ({
  byId: `SELECT * FROM ${p} WHERE ${p.id} = ?`,
  byName: `SELECT * FROM ${p} WHERE ${p.name} = ?`,
  any: `SELECT 1 AS one FROM ${p} LIMIT 1`,
  insert: insertRows(p),
});

/** Partners, the tenants of the platform. */
export class PartnerRepository {
  private readonly partners = this.sql.tables.of(Partner);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  byId(id: number): Promise<Partner | null> {
    return this.sql.one(this.partners, this.s.byId, [id]);
  }

  byName(name: string): Promise<Partner | null> {
    return this.sql.one(this.partners, this.s.byName, [name]);
  }

  /** Whether any partner exists (the demo seed fills only an empty database). */
  async any(): Promise<boolean> {
    return (await this.sql.values(this.s.any, [])).length > 0;
  }

  insert(partner: NewRow<Partner>): Promise<number> {
    return this.sql.insert(this.s.insert, [partner]);
  }
}
