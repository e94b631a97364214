import { daysBetween, toYmd } from './dates';
import { EngineError, show } from './engine-error';
import type { InstallmentState, InstallmentStatusAsOf } from './installment-state';
import type { IsoDate, Minor } from './types';

/** A day count that is not a non-negative integer. */
export class DelinquencyError extends EngineError<'INVALID_DAYS'> {}

/** Days past due, bucketed the way collections and credit reporting slice them. */
export type DelinquencyBucket = 'CURRENT' | 'DPD_1_29' | 'DPD_30_59' | 'DPD_60_89' | 'DPD_90_119' | 'DPD_120_PLUS';

type Owed = { dueDate: IsoDate; amountDue: number; amountPaid: number };

/**
 * What of an installment is past due on `asOf`: the unpaid rest once its due date has passed. An
 * installment due on `asOf` itself is not late yet (it may be paid all that business day).
 */
export function amountPastDue(row: Owed, asOf: IsoDate): Minor {
  return (row.dueDate < asOf ? row.amountDue - row.amountPaid : 0) as Minor;
}

/** An installment's status as of a date: PAST_DUE while something of it is past due, else as stored. */
export function installmentStatusAt(row: Owed & Pick<InstallmentState, 'status'>, asOf: IsoDate): InstallmentStatusAsOf {
  return amountPastDue(row, asOf) > 0 ? 'PAST_DUE' : row.status;
}

/**
 * Days since the oldest due date before `asOf` that is not fully paid; 0 when none. There are no
 * late fees, so lateness changes nothing owed.
 */
export function daysPastDue(installments: readonly Owed[], asOf: IsoDate): number {
  toYmd(asOf, 'asOf');
  let oldest: IsoDate | undefined;
  for (const row of installments) {
    if (amountPastDue(row, asOf) > 0 && (oldest === undefined || row.dueDate < oldest)) oldest = row.dueDate;
  }
  return oldest === undefined ? 0 : daysBetween(oldest, asOf);
}

const BUCKETS: readonly [number, DelinquencyBucket][] = [
  [120, 'DPD_120_PLUS'], [90, 'DPD_90_119'], [60, 'DPD_60_89'], [30, 'DPD_30_59'], [1, 'DPD_1_29'], [0, 'CURRENT'],
];

/** The bucket of a days-past-due count: 0 CURRENT, then 1-29, 30-59, 60-89, 90-119, 120+. */
export function delinquencyBucket(days: number): DelinquencyBucket {
  if (!Number.isSafeInteger(days) || days < 0) throw new DelinquencyError('INVALID_DAYS', `days past due must be a non-negative integer, got ${show(days)}`);
  return BUCKETS.find(([from]) => days >= from)![1];
}
