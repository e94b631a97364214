import type { Role } from '../../entities';

/** Who is asking, resolved once per request from the API key. */
export interface Viewer {
  apiKeyId: number;
  role: Role;
  /** Set for PARTNER keys: every read and write is confined to this partner's merchants. */
  partnerId: number | null;
}

/**
 * The partner a query must be filtered by, or null for portfolio-wide readers (ANALYST, ADMIN).
 * Filtering happens in SQL, so another partner's rows are never loaded at all.
 */
export function partnerScope(viewer: Viewer): number | null {
  return viewer.role === 'PARTNER' ? viewer.partnerId : null;
}

export const canSeePersonalData = (viewer: Viewer): boolean => viewer.role !== 'ANALYST';
