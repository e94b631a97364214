import type { Context } from './context';
import { ForbiddenError } from './errors';

/** Analysts read everything and write nothing; admin operations need an ADMIN key. */
export function requireWriter({ viewer }: Context): void {
  if (viewer.role === 'ANALYST') throw new ForbiddenError('ANALYST keys are read-only');
}

export function requireAdmin({ viewer }: Context): void {
  if (viewer.role !== 'ADMIN') throw new ForbiddenError('This operation needs an ADMIN key');
}
