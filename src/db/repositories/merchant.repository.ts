import { FinancingProgram, Merchant } from '../../../entities';
import { insertRows } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ merchants: m, programs: f }: TableNames) => ({
  byId: `SELECT * FROM ${m} WHERE ${m.id} = ?`,
  byIdOfPartner: `SELECT * FROM ${m} WHERE ${m.id} = ? AND ${m.partnerId} = ?`,
  programsOf: `SELECT * FROM ${f} WHERE ${f.merchantId} = ?`,
  program: `SELECT * FROM ${f} WHERE ${f.id} = ?`,
  insert: insertRows(m),
  insertProgram: insertRows(f),
  retireProgram: `UPDATE ${f} SET ${f.retiredAt} = ? WHERE ${f.id} = ?`,
});

/** Merchants and their financing programs. */
export class MerchantRepository {
  private readonly merchants = this.sql.tables.of(Merchant);
  private readonly programs = this.sql.tables.of(FinancingProgram);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** The merchant, or null when it is another partner's (`partnerId`; null: any partner's), like a missing one. */
  byId(id: number, partnerId: number | null): Promise<Merchant | null> {
    return partnerId === null
      ? this.sql.one(this.merchants, this.s.byId, [id])
      : this.sql.one(this.merchants, this.s.byIdOfPartner, [id, partnerId]);
  }

  /** Its programs, retired ones too. */
  programsOf(merchantId: number): Promise<FinancingProgram[]> {
    return this.sql.rows(this.programs, this.s.programsOf, [merchantId]);
  }

  program(id: number): Promise<FinancingProgram | null> {
    return this.sql.one(this.programs, this.s.program, [id]);
  }

  insert(merchant: NewRow<Merchant>): Promise<number> {
    return this.sql.insert(this.s.insert, [merchant]);
  }

  insertProgram(program: NewRow<FinancingProgram>): Promise<number> {
    return this.sql.insert(this.s.insertProgram, [program]);
  }

  async retireProgram(id: number, at: Date): Promise<void> {
    await this.sql.write(this.s.retireProgram, [this.programs.persist('retiredAt', at), id]);
  }
}
