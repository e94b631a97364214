import type { ApiKey } from '../../entities';
import type { ApiKeyRepository } from '../db/repositories/api-key.repository';
import { hashApiKey } from './api-key-hash';
import type { Viewer } from './viewer';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

const DEMO_KEY_PREFIX = 'test_';
/** lastUsedAt is for people auditing keys; minute precision is enough and spares a write per request. */
export const LAST_USED_PRECISION_MS = 60_000;

export interface AuthenticateOptions {
  refuseDemoKeys: boolean;
  /** Records lastUsedAt without making the request wait for the write. */
  recordUse?: { now: Date; onError: (error: unknown) => void };
}

/**
 * Resolves `Authorization: Bearer <key>` to a viewer.
 *
 * No comparison of secrets happens here, so there is nothing to time: the key is looked up by its
 * SHA-256 through a unique index. How long the lookup takes can only depend on the hash, and an
 * attacker cannot choose a key whose hash approaches a stored one without breaking SHA-256.
 * Revoked keys fail from the next request on, since every request reads revokedAt.
 */
export async function authenticate(apiKeys: ApiKeyRepository, authorization: string | undefined, options: AuthenticateOptions): Promise<Viewer> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new AuthenticationError('Send your API key as "Authorization: Bearer <key>"');
  const plainKey = match[1];
  if (options.refuseDemoKeys && plainKey.startsWith(DEMO_KEY_PREFIX)) throw new AuthenticationError('Invalid API key');
  // One plain statement on the unique index (ApiKeyRepository.active): it runs on every request.
  const key = await apiKeys.active(hashApiKey(plainKey));
  if (!key) throw new AuthenticationError('Invalid API key');
  if (options.recordUse) recordUse(apiKeys, key, options.recordUse);
  return { apiKeyId: key.id, role: key.role, partnerId: key.partnerId };
}

/**
 * Decided from the lastUsedAt just read, so it needs no memory of its own and holds across
 * restarts and gateway instances (two instances may both write in the same minute: harmless).
 */
function recordUse(apiKeys: ApiKeyRepository, key: ApiKey, { now, onError }: NonNullable<AuthenticateOptions['recordUse']>): void {
  if (key.lastUsedAt && Math.abs(now.getTime() - key.lastUsedAt.getTime()) < LAST_USED_PRECISION_MS) return;
  apiKeys.recordUse(key.id, now).catch(onError);
}
