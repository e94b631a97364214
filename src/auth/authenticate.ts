import type { ApiKey } from '../../entities';
import type { ApiKeyRepository } from '../db/repositories/api-key.repository';
import { hashApiKey } from './api-key-hash';
import type { Viewer } from './viewer';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/**
 * Several credentials where one is expected: a proxy that appends its own Authorization to the
 * client's would otherwise let one of them win silently (a confused deputy).
 */
export class AmbiguousCredentialsError extends Error {
  readonly code = 'AMBIGUOUS_CREDENTIALS';

  constructor() {
    super('Send exactly one credential: one "Authorization: Bearer <key>" header holding one key');
  }
}

/** An element of a comma-folded header that starts a credential of its own: a scheme, then a space. */
const SCHEME_THEN_CREDENTIAL = /^\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\s+\S/;

/**
 * The key of an `Authorization: Bearer <key>` header. Several credentials in one header (`Bearer a,
 * Bearer b`, `Bearer a b`, `Basic x, Bearer y`) are refused as ambiguous before anything is looked up.
 */
function bearerKey(authorization: string | undefined): string {
  const value = authorization ?? '';
  if (value.split(',').filter((element) => SCHEME_THEN_CREDENTIAL.test(element)).length > 1) throw new AmbiguousCredentialsError();
  const bearer = /^\s*Bearer(?:\s+(.*?))?\s*$/i.exec(value);
  const credentials = bearer?.[1] ?? '';
  if (/[\s,]/.test(credentials)) throw new AmbiguousCredentialsError();
  if (!bearer || credentials === '') throw new AuthenticationError('Send your API key as "Authorization: Bearer <key>"');
  return credentials;
}

const DEMO_KEY_PREFIX = 'test_';
/** lastUsedAt is for people auditing keys; minute precision is enough and spares a write per request. */
const LAST_USED_PRECISION_MS = 60_000;

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
  const plainKey = bearerKey(authorization);
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
