import type { Application, Offer } from '../../entities';
import { buildSchedule, ProgramKind, ScheduleRow } from '../engine';
import { isoDate } from './plan-view';

/** An offer's schedule as if captured on the application date; the real one starts at capture. */
export function offerSchedule(offer: Offer, application: Application): ScheduleRow[] {
  return buildSchedule(
    { kind: offer.kind as ProgramKind, termCount: offer.termCount, aprBps: offer.aprBps, principal: offer.amountFinanced },
    isoDate(application.createdAt),
  );
}
