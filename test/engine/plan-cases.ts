// Random plans and the independent interest oracle shared by the engine's property tests (docs/money.md).
import * as fc from 'fast-check';
import {
  addDays, addMonths, buildSchedule, daysBetween, largestRepayment, payoffQuote, type LedgerEvent, type ProgramKind, type ScheduleRow,
} from '../../src/engine';

/** Random cases per property: 2,000 in CI (issue 11), fewer locally. */
export const RUNS = process.env.CI === 'true' ? 2_000 : 200;

export interface PlanCase { kind: ProgramKind; principal: number; aprBps: number; termCount: number; capture: string; schedule: ScheduleRow[] }

const captureDate = fc.oneof(
  fc.integer({ min: 0, max: 3 * 365 }).map((d) => addDays('2026-01-01', d)),
  fc.integer({ min: 0, max: 35 }).map((m) => addDays(addMonths('2026-02-01', m), -1)), // month ends, Feb 28/29 included
);
export const planCase: fc.Arbitrary<PlanCase> = fc.oneof(
  fc.record({ kind: fc.constant<ProgramKind>('PAY_IN_4'), principal: fc.integer({ min: 5_000, max: 100_000 }), aprBps: fc.constant(0), termCount: fc.constant(4), capture: captureDate }),
  fc.record({
    kind: fc.constant<ProgramKind>('INSTALLMENTS'), principal: fc.integer({ min: 5_000, max: 1_000_000 }),
    aprBps: fc.integer({ min: 0, max: 3_600 }), termCount: fc.integer({ min: 3, max: 36 }), capture: captureDate,
  }),
).map((p) => ({ ...p, schedule: buildSchedule(p, p.capture) }));

export const booksOf = (plan: PlanCase, events: LedgerEvent[]) =>
  ({ schedule: plan.schedule, captured: plan.principal, aprBps: plan.aprBps, captureDate: plan.capture, events });
export const quoteOn = (plan: PlanCase, events: LedgerEvent[], asOf: string): number => payoffQuote({ ...booksOf(plan, events), asOf });
/** The most a repayment effective on `date` may be: recordRepayment refuses more before replaying. */
export const ceilingOn = (plan: PlanCase, events: LedgerEvent[], date: string): number => largestRepayment({ ...booksOf(plan, events), date });
/** A share of `whole` as a whole number of minor units from 1 to `whole`. */
export const part = (share: number, whole: number): number => 1 + Math.floor(share * (whole - 1));
export const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0);
export const repaid = (events: readonly LedgerEvent[]): number => sum(events.map((e) => (e.type === 'REPAYMENT' ? e.amount : 0)));
export const refunded = (events: readonly LedgerEvent[]): number => sum(events.map((e) => (e.type === 'REFUND' ? e.amount : 0)));
export const returnedCash = (events: readonly LedgerEvent[]): number => sum(events.map((e) => (e.type === 'REFUND' ? e.creditReturned ?? 0 : 0)));

/**
 * The oracle, written from docs/money.md and not from the engine: a simple-interest loan followed day
 * by day. Refunded principal was never financed; each day's closing principal accrues bps/365 (the
 * last day of a period weighted so the period counts 365/12 days), nothing after the last due date; a
 * payment pays accrued interest first, then principal, anything beyond is held for the shopper; cash a
 * refund handed back comes out of what is held, and beyond that is principal lent again. Floating
 * point is fine in a test oracle.
 */
export function oracleInterest(plan: PlanCase, events: LedgerEvent[]): number {
  const ends = plan.schedule.map((row) => daysBetween(plan.capture, row.dueDate));
  const weight = new Map<number, number>();
  let start = 0;
  for (const end of ends) {
    for (let day = start; day < end; day++) weight.set(day, day === end - 1 ? 365 - 12 * (end - start - 1) : 12);
    start = end;
  }
  const moves = new Map<number, number[]>();
  for (const e of events) {
    const amount = e.type === 'REPAYMENT' ? e.amount : -(e.creditReturned ?? 0);
    if (amount === 0) continue;
    const day = daysBetween(plan.capture, e.date);
    moves.set(day, [...(moves.get(day) ?? []), amount]);
  }
  let principal = plan.principal - refunded(events);
  let accrued = 0;
  let held = 0;
  let interest = 0;
  for (let day = 0; day < start; day++) {
    for (const amount of moves.get(day) ?? []) {
      if (amount < 0) {
        const fromHeld = Math.min(held, -amount);
        held -= fromHeld;
        principal += -amount - fromHeld;
        continue;
      }
      const toInterest = Math.min(amount, accrued);
      accrued -= toInterest;
      const toPrincipal = Math.min(principal, amount - toInterest);
      principal -= toPrincipal;
      held += amount - toInterest - toPrincipal;
    }
    const today = (principal * (weight.get(day) ?? 0) * plan.aprBps) / 43_800_000;
    accrued += today;
    interest += today;
  }
  return interest;
}
