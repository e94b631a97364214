import { solveApr } from './apr';
import { buildSchedule } from './schedule';
import type { IsoDate, Minor, ProgramKind, ScheduleRow } from './types';

/** A financing offer with its Truth-in-Lending figures and the schedule they come from. */
export interface Offer {
  kind: ProgramKind;
  termCount: number;
  aprBps: number;
  /** Disclosed APR (Appendix J over the schedule), which can differ from the nominal rate by rounding. */
  apr: string;
  /** The regular payment: the first row's amount. */
  installmentAmount: Minor;
  amountFinanced: Minor;
  financeCharge: Minor;
  totalOfPayments: Minor;
  schedule: ScheduleRow[];
}

/**
 * The offer for `amount` under `program` if the plan starts on `startDate`: schedule, total of
 * payments, finance charge (total − amount financed) and the disclosed APR with the advance on `startDate`.
 */
export function buildOffer(program: { kind: ProgramKind; termCount: number; aprBps: number }, amount: number, startDate: IsoDate): Offer {
  const schedule = buildSchedule({ ...program, principal: amount }, startDate);
  let totalOfPayments = 0;
  const payments = schedule.map((row) => {
    totalOfPayments += row.amount;
    return { date: row.dueDate, amount: row.amount };
  });
  const { apr } = solveApr({ amountFinanced: amount, advanceDate: startDate, payments });
  return {
    kind: program.kind,
    termCount: program.termCount,
    aprBps: program.aprBps,
    apr,
    installmentAmount: schedule[0].amount,
    amountFinanced: amount as Minor,
    financeCharge: (totalOfPayments - amount) as Minor,
    totalOfPayments: totalOfPayments as Minor,
    schedule,
  };
}
