import { createHash, randomBytes } from 'node:crypto';

/** Keys are looked up by their SHA-256: the plain key never reaches the database or the logs. */
export function hashApiKey(plainKey: string): string {
  return createHash('sha256').update(plainKey, 'utf8').digest('hex');
}

/** 192 bits of randomness behind a visible prefix that says which environment the key is for. */
export function generateApiKey(environment: 'live' | 'test'): string {
  return `tnr_${environment}_${randomBytes(24).toString('base64url')}`;
}

/** What people may see of a key to tell keys apart. */
export function displayPrefix(plainKey: string): string {
  return plainKey.slice(0, plainKey.indexOf('_', 4) + 5);
}
