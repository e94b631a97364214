import { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { Installment, Plan, Refund, Repayment, RepaymentAllocation } from '../../../entities';
import { buildSchedule, LedgerEvent, PlanLedger, ProgramKind, replayLedger, ScheduleRow } from '../../engine';

export const scheduleOf = (plan: Plan): ScheduleRow[] =>
  buildSchedule({ kind: plan.kind as ProgramKind, termCount: plan.termCount, aprBps: plan.aprBps, principal: plan.principal }, plan.capturedOn!);

/**
 * Inserts a row and returns its id without TypeORM's re-read of generated and default columns: the
 * caller already knows every value it wrote. Money-moving transactions are short on purpose.
 */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, values: Omit<T, 'id'>): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(values as never).updateEntity(false).execute();
  return Number(result.identifiers[0]?.id ?? result.raw.insertId ?? result.raw);
}

/** Money events in the order they took effect: by effective date, then in the order they were recorded. */
function ledgerEvents(repayments: Repayment[], refunds: Refund[]): LedgerEvent[] {
  const events = [
    ...repayments.filter((r) => r.status === 'SUCCEEDED').map((r) => ({ seq: r.ledgerSequence, e: { type: 'REPAYMENT' as const, id: `R${r.id}`, amount: r.amount, date: r.effectiveDate } })),
    ...refunds.map((r) => ({ seq: r.ledgerSequence, e: { type: 'REFUND' as const, id: `F${r.id}`, amount: r.amount, date: r.effectiveDate } })),
  ];
  events.sort((a, b) => a.e.date.localeCompare(b.e.date) || a.seq - b.seq);
  return events.map((x) => x.e);
}

const INSTALLMENT_STATE = ['amountDue', 'principal', 'interest', 'amountPaid', 'principalPaid', 'interestPaid', 'status'] as const;

/**
 * A captured plan's books (installments, repayments, refunds), read once per transaction while the
 * plan is locked. Its state is REPLAYED by the engine from the schedule and the money events, which
 * makes a reversal exact: the reversed payment is left out and every later one re-allocated.
 */
export class PlanBooks {
  private constructor(
    private readonly manager: EntityManager,
    private readonly plan: Plan,
    readonly installments: Installment[],
    private readonly repayments: Repayment[],
    private readonly refunds: Refund[],
  ) {}

  static async load(manager: EntityManager, plan: Plan): Promise<PlanBooks> {
    const where = { planId: plan.id };
    const installments = await manager.getRepository(Installment).find({ where, order: { sequence: 'ASC' } });
    const repayments = await manager.getRepository(Repayment).find({ where, order: { id: 'ASC' } });
    const refunds = await manager.getRepository(Refund).find({ where, order: { id: 'ASC' } });
    return new PlanBooks(manager, plan, installments, repayments, refunds);
  }

  /** Position of the next money event: ties between equal effective dates follow recording order. */
  private nextSequence(): number {
    return this.repayments.length + this.refunds.length + 1;
  }

  async addRepayment(values: Omit<Repayment, 'id' | 'ledgerSequence'>): Promise<Repayment> {
    const row = { ...values, ledgerSequence: this.nextSequence() };
    const repayment = { ...row, id: await insertRow(this.manager, Repayment, row) };
    this.repayments.push(repayment);
    return repayment;
  }

  async addRefund(values: Omit<Refund, 'id' | 'ledgerSequence'>): Promise<Refund> {
    const row = { ...values, ledgerSequence: this.nextSequence() };
    const refund = { ...row, id: await insertRow(this.manager, Refund, row) };
    this.refunds.push(refund);
    return refund;
  }

  repayment(id: number): Repayment | undefined {
    return this.repayments.find((r) => r.id === id);
  }

  /** The engine's replay of the books as they stand; throws LedgerError when they do not add up. */
  replay(): PlanLedger {
    return replayLedger({
      schedule: scheduleOf(this.plan), captured: this.plan.principal, aprBps: this.plan.aprBps, captureDate: this.plan.capturedOn!,
      events: ledgerEvents(this.repayments, this.refunds),
    });
  }

  /** Replays and writes the result: changed installments only, and the allocations afresh. */
  async settle(): Promise<PlanLedger> {
    const ledger = this.replay();
    const bySequence = new Map(this.installments.map((row) => [row.sequence, row]));
    for (const state of ledger.installments) {
      const row = bySequence.get(state.sequence)!;
      const changes = Object.fromEntries(INSTALLMENT_STATE.filter((k) => row[k] !== state[k]).map((k) => [k, state[k]]));
      if (Object.keys(changes).length === 0) continue;
      await this.manager.update(Installment, { id: row.id }, changes);
      Object.assign(row, changes);
    }
    await this.manager.delete(RepaymentAllocation, { planId: this.plan.id });
    const allocations = ledger.attribution.map((a) => ({
      planId: this.plan.id, repaymentId: Number(a.eventId.slice(1)), installmentId: bySequence.get(a.sequence)!.id,
      sequence: a.sequence, principal: a.principal, interest: a.interest,
    }));
    if (allocations.length > 0) {
      await this.manager.createQueryBuilder().insert().into(RepaymentAllocation).values(allocations).updateEntity(false).execute();
    }
    return ledger;
  }
}
