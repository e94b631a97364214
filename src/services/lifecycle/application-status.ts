import type { Application } from '../../../entities';
import type { Repositories } from '../../db/repositories';
import type { ApplicationStatus } from '../../engine';
import type { Actor } from './plan-events';

/** The moves an application may make after its decision; ACCEPTED is acceptOffer's own write. */
const APPLICATION_TRANSITIONS: Readonly<Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  APPROVED: ['ACCEPTED', 'EXPIRED', 'CANCELLED'],
};

export const canMoveApplication = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  APPLICATION_TRANSITIONS[from]?.includes(to) ?? false;

/** Moves an application (locked by the caller) to a new status, with its audit event. */
export async function moveApplication(
  tx: Repositories, actor: Actor, application: Application, to: ApplicationStatus, type: string,
): Promise<void> {
  const from = application.status;
  if (!canMoveApplication(from, to)) throw new Error(`an application cannot move from ${from} to ${to}`);
  application.status = to;
  await tx.applications.setStatus(application.id, to);
  application.version += 1;
  await tx.applications.recordEvent({
    applicationId: application.id, type, fromStatus: from, toStatus: to, apiKeyId: actor.apiKeyId, requestId: actor.requestId, createdAt: actor.now,
  });
}
