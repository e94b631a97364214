import type { Application } from '../../entities';
import { canSeePersonalData, Viewer } from '../auth/viewer';
import { maskEmail, maskName, maskPhone } from '../auth/mask';

/**
 * THE status of an application as of `now`: an approved one lapses at its expiry. Reads derive it; the
 * maintenance sweep stores it (with an event) so that status filters agree.
 */
export function applicationStatusAt(row: Application, now: Date): Application['status'] {
  return row.status === 'APPROVED' && row.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : row.status;
}

export function applicantView(row: Application, viewer: Viewer) {
  const full = canSeePersonalData(viewer);
  return {
    firstName: full ? row.applicantFirstName : maskName(row.applicantFirstName),
    lastName: full ? row.applicantLastName : maskName(row.applicantLastName),
    email: full ? row.applicantEmail : maskEmail(row.applicantEmail),
    phone: row.applicantPhone === null ? null : full ? row.applicantPhone : maskPhone(row.applicantPhone),
  };
}
