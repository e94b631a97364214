
/** What one repayment has on the installments. */
export interface Contribution {
  eventId: string;
  amount: number;
}

/**
 * The money on a plan's installments as its history moves it, and whose money it is. A repayment adds
 * on top; cash a refund handed back comes off the top (the latest money paid is the money the shopper
 * got back). Cash handed back beyond what is there was lent to the shopper again (`reAdvanced`): a
 * payment that had funded it was reversed since, and the shopper owes it as principal.
 */
export class PaidPool {
  private readonly stack: Contribution[] = [];
  private total: number = 0;
  private lent: number = 0;

  /** The money on the installments now. */
  get amount(): number {
    return this.total;
  }

  /** Cash handed back that no payment funds: owed again. */
  get reAdvanced(): number {
    return this.lent;
  }

  /** What each standing repayment still has on the installments, in the order they were paid. */
  get contributions(): readonly Contribution[] {
    return this.stack.map((c) => ({ ...c }));
  }

  pay(eventId: string, amount: number): void {
    this.stack.push({ eventId, amount });
    this.total += amount;
  }

  returnCash(amount: number): void {
    let left = amount;
    while (left > 0 && this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      const taken = Math.min(left, top.amount);
      top.amount -= taken;
      left -= taken;
      this.total -= taken;
      if (top.amount === 0) this.stack.pop();
    }
    this.lent += left;
  }
}
