import { amortizeBps } from './amortize';
import { addDays } from './dates';
import { show } from './engine-error';
import { splitPayIn4 } from './pay-in-4';
import { ScheduleError } from './schedule-error';
import type { IsoDate, Minor, ProgramKind, ScheduleRow } from './types';

/** What a schedule is built from: the program's shape and the principal financed. */
export interface PlanTerms {
  kind: ProgramKind;
  termCount: number;
  aprBps: number;
  principal: number;
}

/** Pay-in-4 payments are 14 days apart (docs/api.md, lifecycle rules). */
const PAY_IN_4_INTERVAL_DAYS = 14;

function payIn4Schedule(terms: PlanTerms, startDate: IsoDate): ScheduleRow[] {
  // Pay-in-4 is interest-free by definition; any other shape is a misconfigured program.
  if (terms.termCount !== 4 || terms.aprBps !== 0) {
    throw new ScheduleError('INVALID_TERMS', `PAY_IN_4 means 4 payments at 0 bps, got termCount ${show(terms.termCount)}, aprBps ${show(terms.aprBps)}`);
  }
  if (!Number.isSafeInteger(terms.principal) || terms.principal <= 0) {
    throw new ScheduleError('INVALID_AMOUNT', `principal must be a positive integer of minor units, got ${show(terms.principal)}`);
  }
  return splitPayIn4(terms.principal).map((amount, k) => ({
    sequence: k + 1,
    dueDate: addDays(startDate, k * PAY_IN_4_INTERVAL_DAYS), // the first is due at capture
    amount,
    principal: amount,
    interest: 0 as Minor,
  }));
}

/**
 * The repayment schedule of a plan captured on `startDate`: PAY_IN_4 is due at capture and every
 * 14 days; INSTALLMENTS is amortized monthly, first due one month after capture.
 */
export function buildSchedule(terms: PlanTerms, startDate: IsoDate): ScheduleRow[] {
  switch (terms.kind) {
    case 'PAY_IN_4':
      return payIn4Schedule(terms, startDate);
    case 'INSTALLMENTS':
      return amortizeBps(terms.principal, terms.aprBps, terms.termCount, startDate);
    default:
      throw new ScheduleError('INVALID_TERMS', `unknown program kind ${show((terms as { kind: unknown }).kind)}`);
  }
}
