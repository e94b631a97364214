import type { Installment, Plan, Refund, Repayment, RepaymentAllocation } from '../../../entities';
import type { Repositories } from '../../db/repositories';
import { Allocation, IsoDate, type Minor, PlanLedger, replayLedger } from '../../engine';
import { largestRepaymentOf, ledgerArgs } from '../ledger-args';

const allocationKey = (a: Allocation): string => `${a.eventId}/${a.sequence}/${a.principal}/${a.interest}`;

const INSTALLMENT_STATE = ['amountDue', 'principal', 'interest', 'amountPaid', 'principalPaid', 'interestPaid', 'status'] as const;

/**
 * A captured plan's books (installments, repayments, refunds), read once per transaction while the
 * plan is locked. Its state is REPLAYED by the engine from the schedule and the money events, which
 * makes a reversal exact: the reversed payment is left out and every later one re-allocated.
 */
export class PlanBooks {
  /** The allocations as last written by settle(), for the mutation's answer. */
  allocations: Omit<RepaymentAllocation, 'id'>[] = [];
  /** Allocation keys as stored before this transaction changed anything (null: not read yet). */
  private stored: Set<string> | null = null;

  private constructor(
    private readonly tx: Repositories,
    private readonly plan: Plan,
    readonly installments: Installment[],
    private readonly repayments: Repayment[],
    private readonly refunds: Refund[],
  ) {}

  static async load(tx: Repositories, plan: Plan): Promise<PlanBooks> {
    const installments = await tx.books.installmentsOf(plan.id);
    const repayments = await tx.books.repaymentsOf(plan.id);
    const refunds = await tx.books.refundsOf(plan.id);
    return new PlanBooks(tx, plan, installments, repayments, refunds);
  }

  /** Position of the next money event: ties between equal effective dates follow recording order. */
  private nextSequence(): number {
    return this.repayments.length + this.refunds.length + 1;
  }

  /**
   * What the stored allocations are, before the first change: read from their table (one indexed
   * statement), the direct answer; replaying the books as loaded would give the same (docs/performance.md, step 24).
   */
  private async rememberStored(): Promise<void> {
    if (this.stored !== null) return;
    const rows = await this.tx.books.allocationsOf(this.plan.id);
    this.stored = new Set(rows.map((row) => allocationKey({ ...row, eventId: `R${row.repaymentId}` })));
  }

  /** Records a money event at the end of the plan's history. */
  private async record<T extends Repayment | Refund>(
    insert: (row: Omit<T, 'id'>) => Promise<number>, history: T[], values: Omit<T, 'id' | 'ledgerSequence'>,
  ): Promise<T> {
    await this.rememberStored();
    const row = { ...values, ledgerSequence: this.nextSequence() } as Omit<T, 'id'>;
    const event = { ...row, id: await insert(row) } as T;
    history.push(event);
    return event;
  }

  addRepayment(values: Omit<Repayment, 'id' | 'ledgerSequence'>): Promise<Repayment> {
    return this.record((row) => this.tx.books.insertRepayment(row), this.repayments, values);
  }

  addRefund(values: Omit<Refund, 'id' | 'ledgerSequence'>): Promise<Refund> {
    return this.record((row) => this.tx.books.insertRefund(row), this.refunds, values);
  }

  repayment(id: number): Repayment | undefined {
    return this.repayments.find((r) => r.id === id);
  }

  async reverse(repayment: Repayment, reason: string | null, now: Date): Promise<void> {
    await this.rememberStored();
    const change = { status: 'REVERSED' as const, reversedAt: now, reversalReason: reason };
    await this.tx.books.updateRepayment(repayment.id, change);
    Object.assign(repayment, change);
  }

  /** The engine's replay of the books as they stand; throws LedgerError when they do not add up. */
  replay(): PlanLedger {
    return replayLedger(ledgerArgs(this.plan, this.repayments, this.refunds));
  }

  /** The most a repayment effective on `date` may be, from the books as they stand (the replay refuses more). */
  largestRepaymentOn(date: IsoDate): Minor {
    return largestRepaymentOf(this.plan, this.repayments, this.refunds, date);
  }

  /** Replays and writes the result: changed installments only, and the allocations afresh. */
  async settle(): Promise<PlanLedger> {
    const ledger = this.replay();
    const bySequence = new Map(this.installments.map((row) => [row.sequence, row]));
    for (const state of ledger.installments) {
      const row = bySequence.get(state.sequence)!;
      const changes = Object.fromEntries(INSTALLMENT_STATE.filter((k) => row[k] !== state[k]).map((k) => [k, state[k]]));
      if (Object.keys(changes).length === 0) continue;
      await this.tx.books.updateInstallment(row.id, changes);
      Object.assign(row, changes);
    }
    const toRow = (a: Allocation) => ({
      planId: this.plan.id, repaymentId: Number(a.eventId.slice(1)), installmentId: bySequence.get(a.sequence)!.id,
      sequence: a.sequence, principal: a.principal, interest: a.interest,
    });
    // Usually a payment only adds its own allocations; a refund or reversal can move earlier ones.
    const stored = this.stored;
    const keys = new Set(ledger.attribution.map(allocationKey));
    const appendOnly = stored !== null && [...stored].every((key) => keys.has(key));
    if (!appendOnly) await this.tx.books.deleteAllocationsOf(this.plan.id);
    const toWrite = ledger.attribution.filter((a) => !appendOnly || !stored!.has(allocationKey(a))).map(toRow);
    if (toWrite.length > 0) await this.tx.books.insertAllocations(toWrite);
    this.stored = keys;
    this.allocations = ledger.attribution.map(toRow);
    return ledger;
  }
}
