import { monthlyInterest } from './amortize';
import type { InstallmentTerms } from './installment-state';

/**
 * Terms after a refund of `amount`. Principal comes off the last installments first.
 * Interest is then recomputed as if the refunded principal had never been financed: each month's
 * interest is the amortization formula (remaining balance · apr/1200, half-up) on the reduced
 * balance, never more than before. So the shopper pays no interest on refunded principal, an
 * installment whose balance reaches zero loses all its interest, and with no refund the schedule's
 * own interest comes back unchanged.
 */
export function refundTerms(terms: readonly InstallmentTerms[], amount: number, aprBps: number): InstallmentTerms[] {
  const next = terms.map((row) => ({ ...row }));
  let left = amount;
  for (let k = next.length - 1; k >= 0 && left > 0; k--) {
    const cut = Math.min(left, next[k].principal);
    next[k].principal -= cut;
    left -= cut;
  }
  let balance = 0; // principal still owed from installment k onward
  for (let k = next.length - 1; k >= 0; k--) {
    balance += next[k].principal;
    next[k].interest = Math.min(next[k].interest, monthlyInterest(balance, aprBps));
  }
  return next;
}

/**
 * Terms that also ask for `amount` of cash the refunds handed back that no standing payment funds any
 * more (a payment it came from was reversed): the shopper owes it again, as principal. It goes back
 * where the refunds took principal off, in due order, each installment up to its schedule principal,
 * so it is owed on the dates the schedule had; anything beyond (returned interest) on the last
 * installment. Interest is left as charged: lending the cash again never raises it.
 */
export function reAdvanceTerms(terms: readonly InstallmentTerms[], schedule: readonly { principal: number }[], amount: number): InstallmentTerms[] {
  let left = amount;
  const next = terms.map((row, k) => {
    const back = Math.min(left, Math.max(0, schedule[k].principal - row.principal));
    left -= back;
    return { ...row, principal: row.principal + back };
  });
  next[next.length - 1].principal += left;
  return next;
}
