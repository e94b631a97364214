import { chargedTerms, type Repaid } from './interest';
import type { InstallmentTerms } from './installment-state';
import type { IsoDate, Minor } from './types';

const sum = (xs: readonly Minor[]): Minor => xs.reduce((a, x) => a + x, 0);

/**
 * What settles the plan on `asOf`, given its terms after refunds and the repayments made by then:
 * every principal still owed, the interest of the periods that ended by `asOf`, and the current
 * period's interest accrued at APR/365 per day up to `asOf` — all on the principal actually owed, so
 * interest paid ahead is given back — less what was paid. 0 once nothing is owed. Paying exactly this
 * on `asOf` settles the plan (the ledger charges the same interest, see chargedTerms).
 */
export function settlementAmount(args: { terms: readonly InstallmentTerms[]; repayments: readonly Repaid[]; aprBps: number; captureDate: IsoDate; asOf: IsoDate }): Minor {
  const settled = chargedTerms({ ...args, settledOn: args.asOf });
  const owed = sum(settled.map((row) => row.principal + row.interest));
  return Math.max(0, owed - sum(args.repayments.map((r) => r.amount)));
}
