import { EngineError } from './engine-error';

/** Plan terms that cannot produce a schedule (bad principal, term count, or kind/rate combination). */
export class ScheduleError extends EngineError<'INVALID_AMOUNT' | 'INVALID_TERMS'> {}
