import type { Application, Offer } from '../../entities';
import { buildSchedule, ScheduleRow } from '../engine';
import { businessDate } from '../engine';

/** An offer's schedule as if captured on the application's business date; the real one starts at capture. */
export function offerSchedule(offer: Offer, application: Application, timeZone: string): ScheduleRow[] {
  return buildSchedule(
    { kind: offer.kind, termCount: offer.termCount, aprBps: offer.aprBps, principal: offer.amountFinanced },
    businessDate(application.createdAt, timeZone),
  );
}
