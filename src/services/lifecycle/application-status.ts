import type { Application } from '../../../entities';
import { assertApplicationTransition, type ApplicationStatus } from '../../engine';
import type { Actor, ApplicationMoved, UnitOfWork } from './command-runner';

/** Moves an application (locked by the caller) through the engine's transitions, with its audit event. */
export async function moveApplication(
  uow: UnitOfWork, actor: Actor, application: Application, to: ApplicationStatus, type: ApplicationMoved['type'],
): Promise<void> {
  const from = application.status;
  assertApplicationTransition(from, to);
  application.status = to;
  await uow.tx.applications.setStatus(application.id, to);
  application.version += 1;
  uow.events.application(actor, application, type, from, to);
}
