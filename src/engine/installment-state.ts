import type { IsoDate, Minor } from './types';

/** An installment's status as stored: what the payments made of it. */
export const INSTALLMENT_STATUSES = ['PENDING', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];

/** Statuses only a read derives, from the stored one and a date (installmentStatusAt); never stored. */
export const INSTALLMENT_READ_STATUSES = ['PAST_DUE'] as const;
/** Every status a reader can see: the stored ones and the read-time ones. */
export const INSTALLMENT_STATUSES_AS_OF = [...INSTALLMENT_STATUSES, ...INSTALLMENT_READ_STATUSES] as const;
export type InstallmentStatusAsOf = (typeof INSTALLMENT_STATUSES_AS_OF)[number];

/** What an installment currently asks for: its schedule row after refunds, with the interest actually charged. */
export interface InstallmentTerms {
  sequence: number;
  dueDate: IsoDate;
  principal: number;
  interest: number;
}

/** An installment as the shopper sees it: what is due, what is paid, split into principal and interest. */
export interface InstallmentState {
  sequence: number;
  dueDate: IsoDate;
  amountDue: Minor;
  principal: Minor;
  interest: Minor;
  amountPaid: Minor;
  principalPaid: Minor;
  interestPaid: Minor;
  status: InstallmentStatus;
}

/** What is left to pay over installments: Σ (amountDue − amountPaid), THE plan balance. */
export function outstandingBalance(installments: readonly { amountDue: number; amountPaid: number }[]): Minor {
  let sum = 0;
  for (const row of installments) sum += row.amountDue - row.amountPaid;
  return sum as Minor;
}

function statusOf(amountDue: number, amountPaid: number): InstallmentStatus {
  if (amountDue === 0) return 'CANCELLED'; // refunded away: nothing is asked any more
  if (amountPaid === amountDue) return 'PAID';
  return amountPaid > 0 ? 'PARTIALLY_PAID' : 'PENDING';
}

/**
 * Spreads `totalPaid` over the installments oldest first, interest before principal within each.
 * Because that waterfall composes (paying a then b lands where paying a + b lands), the state after
 * any sequence of repayments is this function of their sum, and a refund that changes the terms
 * re-spreads what was paid instead of stranding it. Anything beyond the total due is the caller's credit.
 */
export function applyPayments(terms: readonly InstallmentTerms[], totalPaid: number): InstallmentState[] {
  let left = totalPaid;
  return terms.map(({ sequence, dueDate, principal, interest }) => {
    const interestPaid = Math.min(left, interest);
    left -= interestPaid;
    const principalPaid = Math.min(left, principal);
    left -= principalPaid;
    const amountDue = principal + interest;
    const amountPaid = interestPaid + principalPaid;
    return {
      sequence, dueDate, amountDue: amountDue as Minor, principal: principal as Minor, interest: interest as Minor, amountPaid: amountPaid as Minor,
      principalPaid: principalPaid as Minor, interestPaid: interestPaid as Minor, status: statusOf(amountDue, amountPaid),
    };
  });
}
