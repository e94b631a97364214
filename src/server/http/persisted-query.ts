import { createHash } from 'node:crypto';
import { HttpError } from './http-error';

/** `extensions.persistedQuery` asks for automatic persisted queries (Apollo's APQ protocol). */
export function isPersistedQueryRequest(extensions: unknown): boolean {
  return typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions;
}

/**
 * Checks the APQ extension before Apollo does, for the cases Apollo answers without a code (a
 * wrong version, a hash that does not match its query), which would reach the client as masked
 * internal errors. Apollo itself then looks the hash up, answers PERSISTED_QUERY_NOT_FOUND on a miss
 * (the client retries with the query) and registers the query once it has passed our limits and
 * validation, so only documents within the limits are ever stored.
 */
export function refuseBadPersistedQuery(extensions: unknown, query: unknown): void {
  if (!isPersistedQueryRequest(extensions)) return;
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery as { version?: unknown; sha256Hash?: unknown } | null;
  if (typeof persisted !== 'object' || persisted === null) {
    throw new HttpError('BAD_REQUEST', '"extensions.persistedQuery" must be an object { version: 1, sha256Hash: "<hex>" }');
  }
  if (persisted.version !== 1) {
    throw new HttpError('PERSISTED_QUERY_VERSION_NOT_SUPPORTED', 'Only version 1 of automatic persisted queries is supported');
  }
  if (typeof persisted.sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(persisted.sha256Hash)) {
    throw new HttpError('BAD_REQUEST', '"extensions.persistedQuery.sha256Hash" must be the lowercase hex SHA-256 of the query');
  }
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== persisted.sha256Hash) {
    throw new HttpError('PERSISTED_QUERY_HASH_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it');
  }
}
