import { hashApiKey } from '../auth/api-key-hash';
import type { Database } from '../db/data-source';
import { DEMO_KEYS } from '../demo/seed';
import { ConfigError } from './config';

/**
 * Production refuses to start while a demo key of the seed (published in the README) is active in
 * its database: the key would be refused per request anyway, but its presence means this database
 * was seeded as a demo and must not serve real partners.
 */
export async function refuseDemoKeys(db: Database): Promise<void> {
  const hashes = Object.values(DEMO_KEYS).map(hashApiKey);
  const found = await db.repositories.apiKeys.activeAmong(hashes);
  if (found.length === 0) return;
  throw new ConfigError(`NODE_ENV=production refuses a database with active demo API keys (${found.map((key) => `id ${key.id} "${key.name}"`).join(', ')}): `
    + 'this database was seeded with the public demo portfolio; point DATABASE_URL at the production database, or revoke those keys');
}
