import { EngineError } from './engine-error';
import type { ApplicationStatus } from './types';

/** Every move an application may make after its decision: an approval is accepted, lapses or is cancelled. */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = Object.freeze({
  APPROVED: Object.freeze(['ACCEPTED', 'EXPIRED', 'CANCELLED'] as const),
  DECLINED: Object.freeze([] as const),
  ACCEPTED: Object.freeze([] as const),
  EXPIRED: Object.freeze([] as const),
  CANCELLED: Object.freeze([] as const),
});

/** An application status change the lifecycle does not allow; `from` and `to` say which. */
export class ApplicationTransitionError extends EngineError<'ILLEGAL_TRANSITION'> {
  constructor(readonly from: ApplicationStatus, readonly to: ApplicationStatus) {
    super('ILLEGAL_TRANSITION', `an application cannot move from ${String(from)} to ${String(to)}`);
  }
}

/** True when APPLICATION_TRANSITIONS allows `from` -> `to` (false for unknown statuses). */
export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return Object.hasOwn(APPLICATION_TRANSITIONS, from) && APPLICATION_TRANSITIONS[from].includes(to);
}

/** Throws ApplicationTransitionError unless `from` -> `to` is allowed. */
export function assertApplicationTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canMoveApplication(from, to)) throw new ApplicationTransitionError(from, to);
}

/** How long an approval may be accepted (and what exposure it holds meanwhile). */
export const APPLICATION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * THE status of an application as of `now`: an approval lapses at its expiry. Reads derive it; the
 * maintenance sweep stores it (with an event) so that status filters agree.
 */
export function applicationStatusAt(application: { status: ApplicationStatus; expiresAt: Date }, now: Date): ApplicationStatus {
  return application.status === 'APPROVED' && application.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : application.status;
}
