import { Installment, Refund, Repayment, RepaymentAllocation } from '../../../entities';
import { insertRows, updateRows, withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { Changes, NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ installments: i, repayments: r, refunds: f, allocations: a }: TableNames) => ({
  installmentsOf: `SELECT * FROM ${i} WHERE ${i.planId} = ? ORDER BY ${i.sequence}`,
  installmentsOfPlans: withList(`SELECT * FROM ${i} WHERE ${i.planId} IN (...) ORDER BY ${i.planId}, ${i.sequence}`),
  repaymentsOf: `SELECT * FROM ${r} WHERE ${r.planId} = ? ORDER BY ${r.id}`,
  refundsOf: `SELECT * FROM ${f} WHERE ${f.planId} = ? ORDER BY ${f.id}`,
  insertInstallments: insertRows(i),
  updateInstallment: updateRows(i),
  insertRepayment: insertRows(r),
  updateRepayment: updateRows(r),
  insertRefund: insertRows(f),
  updateRefund: updateRows(f),
  allocationsOf: `SELECT * FROM ${a} WHERE ${a.planId} = ?`,
  insertAllocations: insertRows(a),
  deleteAllocationsOf: `DELETE FROM ${a} WHERE ${a.planId} = ?`,
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

  constructor(private readonly sql: StatementRunner) {}

  installmentsOf(planId: number): Promise<Installment[]> {
    return this.sql.rows(this.installments, this.s.installmentsOf, [planId]);
  }

  /** The installments of many plans in one statement, by plan then sequence. */
  installmentsOfPlans(planIds: readonly number[]): Promise<Installment[]> {
    return planIds.length === 0 ? Promise.resolve([]) : this.sql.rows(this.installments, this.s.installmentsOfPlans(planIds), planIds);
  }

  repaymentsOf(planId: number): Promise<Repayment[]> {
    return this.sql.rows(this.repayments, this.s.repaymentsOf, [planId]);
  }

  refundsOf(planId: number): Promise<Refund[]> {
    return this.sql.rows(this.refunds, this.s.refundsOf, [planId]);
  }

  insertInstallments(rows: readonly NewRow<Installment>[]): Promise<number> {
    return this.sql.insert(this.s.insertInstallments, rows);
  }

  updateInstallment(id: number, changes: Changes<Installment>): Promise<void> {
    return this.sql.update(this.s.updateInstallment.byId(id, changes));
  }

  insertRepayment(row: NewRow<Repayment>): Promise<number> {
    return this.sql.insert(this.s.insertRepayment, [row]);
  }

  updateRepayment(id: number, changes: Changes<Repayment>): Promise<void> {
    return this.sql.update(this.s.updateRepayment.byId(id, changes));
  }

  insertRefund(row: NewRow<Refund>): Promise<number> {
    return this.sql.insert(this.s.insertRefund, [row]);
  }

  updateRefund(id: number, changes: Changes<Refund>): Promise<void> {
    return this.sql.update(this.s.updateRefund.byId(id, changes));
  }

  /** As stored, before a change rewrites them. */
  allocationsOf(planId: number): Promise<RepaymentAllocation[]> {
    return this.sql.rows(this.allocations, this.s.allocationsOf, [planId]);
  }

  insertAllocations(rows: readonly NewRow<RepaymentAllocation>[]): Promise<number> {
    return this.sql.insert(this.s.insertAllocations, rows);
  }

  /** Before they are written afresh. */
  async deleteAllocationsOf(planId: number): Promise<void> {
    await this.sql.write(this.s.deleteAllocationsOf, [planId]);
  }
}
