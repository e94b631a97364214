import { FinancingProgram, Merchant } from '../../../entities';
import type { Sql } from '../sql';
import type { NewRow } from '../table';

/** Merchants and their financing programs. */
export class MerchantRepository {
  private readonly merchants = this.sql.tables.of(Merchant);
  private readonly programs = this.sql.tables.of(FinancingProgram);

  constructor(private readonly sql: Sql) {}

  /** `SELECT * FROM merchants WHERE id = ? [AND partnerId = ?]`: another partner's merchant is null, like a missing one. */
  byId(id: number, partnerId: number | null): Promise<Merchant | null> {
    return this.sql.one(this.merchants, { id, partnerId });
  }

  /** `SELECT * FROM financing_programs WHERE merchantId = ?`: retired ones too. */
  programsOf(merchantId: number): Promise<FinancingProgram[]> {
    return this.sql.select(this.programs, { merchantId });
  }

  program(id: number): Promise<FinancingProgram | null> {
    return this.sql.one(this.programs, { id });
  }

  insert(merchant: NewRow<Merchant>): Promise<number> {
    return this.sql.insert(this.merchants, [merchant]);
  }

  insertProgram(program: NewRow<FinancingProgram>): Promise<number> {
    return this.sql.insert(this.programs, [program]);
  }

  retireProgram(id: number, at: Date): Promise<void> {
    return this.sql.update(this.programs, id, { retiredAt: at });
  }
}
