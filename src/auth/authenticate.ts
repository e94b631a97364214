import { DataSource, IsNull } from 'typeorm';
import { ApiKey } from '../../entities';
import { hashApiKey } from './api-key-hash';
import type { Viewer } from './viewer';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

const DEMO_KEY_PREFIX = 'test_';

/**
 * Resolves `Authorization: Bearer <key>` to a viewer. The lookup is by hash with a unique index, so
 * no plain-key comparison happens at all (nothing to time). Revoked keys fail on the next request.
 */
export async function authenticate(
  dataSource: DataSource,
  authorization: string | undefined,
  options: { refuseDemoKeys: boolean },
): Promise<Viewer> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new AuthenticationError('Send your API key as "Authorization: Bearer <key>"');
  const plainKey = match[1];
  if (options.refuseDemoKeys && plainKey.startsWith(DEMO_KEY_PREFIX)) throw new AuthenticationError('Invalid API key');
  const key = await dataSource.getRepository(ApiKey).findOne({
    select: { id: true, role: true, partnerId: true },
    where: { keyHash: hashApiKey(plainKey), revokedAt: IsNull() },
  });
  if (!key) throw new AuthenticationError('Invalid API key');
  return { apiKeyId: key.id, role: key.role, partnerId: key.partnerId };
}
