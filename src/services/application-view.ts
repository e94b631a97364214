import type { Application } from '../../entities';
import { canSeePersonalData, Viewer } from '../auth/viewer';
import { maskEmail, maskName, maskPhone } from '../auth/mask';

export function applicantView(row: Application, viewer: Viewer) {
  const full = canSeePersonalData(viewer);
  return {
    firstName: full ? row.applicantFirstName : maskName(row.applicantFirstName),
    lastName: full ? row.applicantLastName : maskName(row.applicantLastName),
    email: full ? row.applicantEmail : maskEmail(row.applicantEmail),
    phone: row.applicantPhone === null ? null : full ? row.applicantPhone : maskPhone(row.applicantPhone),
  };
}
