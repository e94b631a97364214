import { Installment, Refund, Repayment, RepaymentAllocation } from '../../../entities';
import type { Sql } from '../sql';
import type { Changes, NewRow } from '../table';
import { withList } from '../sql';
import type { TableNames } from '../tables';

const statements = ({ installments: i }: TableNames) => ({
  installmentsOf: withList(`SELECT * FROM ${i} WHERE ${i.planId} IN (...) ORDER BY ${i.planId}, ${i.sequence}`),
});

/**
 * A plan's books: its installments, the money events (repayments and refunds, in recording order)
 * and the allocations of repayments to installments, read while the plan is locked and written back
 * after the engine replays them.
 */
export class PlanBooksRepository {
  private readonly installments = this.sql.tables.of(Installment);
  private readonly repayments = this.sql.tables.of(Repayment);
  private readonly refunds = this.sql.tables.of(Refund);
  private readonly allocations = this.sql.tables.of(RepaymentAllocation);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  /** `SELECT * FROM installments WHERE planId = ? ORDER BY sequence`. */
  installmentsOf(planId: number): Promise<Installment[]> {
    return this.sql.select(this.installments, { planId }, { orderBy: 'sequence' });
  }

  /** The installments of many plans in one statement, by plan then sequence. */
  installmentsOfPlans(planIds: readonly number[]): Promise<Installment[]> {
    return planIds.length === 0 ? Promise.resolve([]) : this.sql.rows(this.installments, this.s.installmentsOf(planIds), planIds);
  }

  /** `SELECT * FROM repayments WHERE planId = ? ORDER BY id`. */
  repaymentsOf(planId: number): Promise<Repayment[]> {
    return this.sql.select(this.repayments, { planId }, { orderBy: 'id' });
  }

  /** `SELECT * FROM refunds WHERE planId = ? ORDER BY id`. */
  refundsOf(planId: number): Promise<Refund[]> {
    return this.sql.select(this.refunds, { planId }, { orderBy: 'id' });
  }

  insertInstallments(rows: readonly NewRow<Installment>[]): Promise<number> {
    return this.sql.insert(this.installments, rows);
  }

  updateInstallment(id: number, changes: Changes<Installment>): Promise<void> {
    return this.sql.update(this.installments, id, changes);
  }

  insertRepayment(row: NewRow<Repayment>): Promise<number> {
    return this.sql.insert(this.repayments, [row]);
  }

  updateRepayment(id: number, changes: Changes<Repayment>): Promise<void> {
    return this.sql.update(this.repayments, id, changes);
  }

  insertRefund(row: NewRow<Refund>): Promise<number> {
    return this.sql.insert(this.refunds, [row]);
  }

  updateRefund(id: number, changes: Changes<Refund>): Promise<void> {
    return this.sql.update(this.refunds, id, changes);
  }

  /** `SELECT * FROM repayment_allocations WHERE planId = ?`: as stored, before a change rewrites them. */
  allocationsOf(planId: number): Promise<RepaymentAllocation[]> {
    return this.sql.select(this.allocations, { planId });
  }

  insertAllocations(rows: readonly NewRow<RepaymentAllocation>[]): Promise<number> {
    return this.sql.insert(this.allocations, rows);
  }

  /** `DELETE FROM repayment_allocations WHERE planId = ?`: before they are written afresh. */
  deleteAllocationsOf(planId: number): Promise<void> {
    return this.sql.deleteWhere(this.allocations, 'planId', planId);
  }
}
