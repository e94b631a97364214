/**
 * Issues an API key from the command line: the way to get the first ADMIN key of a production
 * database (the demo keys exist only outside production). Prints the key once; only its SHA-256 is
 * stored. Usage: npm run issue-key -- ADMIN "ops laptop"   (or PARTNER <name> <partner id number>)
 */
import 'reflect-metadata';
import type { ApiKey } from '../entities';
import { displayPrefix, generateApiKey, hashApiKey } from '../src/auth/api-key-hash';
import { closeDatabase, openDatabase } from '../src/db/data-source';
import { migrateUnderLock } from '../src/db/migration-lock';
import { loadConfig } from '../src/server/config';

const ROLES: ApiKey['role'][] = ['PARTNER', 'ANALYST', 'ADMIN'];

async function main(): Promise<void> {
  const [role, name, partnerArg] = process.argv.slice(2);
  if (!ROLES.includes(role as ApiKey['role']) || !name || (role === 'PARTNER') !== Boolean(partnerArg)) {
    throw new Error('usage: issue-key <PARTNER|ANALYST|ADMIN> <name> [partner id, PARTNER keys only]');
  }
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    await migrateUnderLock(db);
    const partnerId = partnerArg ? Number(partnerArg) : null;
    if (partnerId !== null && !(await db.repositories.partners.byId(partnerId))) {
      throw new Error(`no partner with id ${partnerArg}`);
    }
    const plainKey = generateApiKey(config.isProduction ? 'live' : 'test');
    await db.repositories.apiKeys.insert({
      partnerId, role: role as ApiKey['role'], name, displayPrefix: displayPrefix(plainKey), keyHash: hashApiKey(plainKey),
      createdAt: new Date(), lastUsedAt: null, revokedAt: null,
    });
    console.log(plainKey);
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(`issue-key failed: ${(error as Error).message}`);
  process.exit(1);
});
