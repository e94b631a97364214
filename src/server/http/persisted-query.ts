import { createHash } from 'node:crypto';
import { HttpError } from './http-error';

/** `extensions.persistedQuery` asks for automatic persisted queries (Apollo's APQ protocol). */
export function isPersistedQueryRequest(extensions: unknown): boolean {
  return typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions;
}

/** A hash may name its algorithm, as trusted documents' ids do (`sha256:<hex>`). */
const HASH = /^(?:sha256:)?([0-9a-f]{64})$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Checks the APQ extension before Apollo does, for the cases Apollo answers without a code (a
 * wrong version, a hash that does not match its query), which would reach the client as masked
 * internal errors, and returns its hash as bare hex (null for a request without the extension).
 * Apollo itself then looks the hash up, answers PERSISTED_QUERY_NOT_FOUND on a miss (the client
 * retries with the query) and registers the query once it has passed our limits, validation and
 * cost, so only documents within the limits are ever stored.
 */
export function persistedQueryHash(extensions: unknown, query: unknown): string | null {
  if (!isPersistedQueryRequest(extensions)) return null;
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery as { version?: unknown; sha256Hash?: unknown } | null;
  if (typeof persisted !== 'object' || persisted === null) {
    throw new HttpError('BAD_REQUEST', '"extensions.persistedQuery" must be an object { version: 1, sha256Hash: "<hex>" }');
  }
  if (persisted.version !== 1) {
    throw new HttpError('PERSISTED_QUERY_VERSION_NOT_SUPPORTED', 'Only version 1 of automatic persisted queries is supported');
  }
  const hash = typeof persisted.sha256Hash === 'string' ? HASH.exec(persisted.sha256Hash)?.[1] : undefined;
  if (hash === undefined) {
    throw new HttpError('BAD_REQUEST', '"extensions.persistedQuery.sha256Hash" must be the lowercase hex SHA-256 of the query, optionally prefixed "sha256:"');
  }
  if (typeof query === 'string' && sha256Hex(query) !== hash) {
    throw new HttpError('PERSISTED_QUERY_HASH_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it');
  }
  return hash;
}

/** The extensions as Apollo must see them: the hash as bare hex, which is how it keys its store. */
export function withBareHash(extensions: unknown, hash: string): unknown {
  const { persistedQuery } = extensions as { persistedQuery: { sha256Hash: string } };
  if (persistedQuery.sha256Hash === hash) return extensions;
  return { ...(extensions as object), persistedQuery: { ...persistedQuery, sha256Hash: hash } };
}
