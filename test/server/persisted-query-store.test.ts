import { DEFAULT_LIMITS } from '../../src/server/limits/limits-config';
import { sha256Hex } from '../../src/server/http/persisted-query';
import { PersistedQueryStore } from '../../src/server/http/persisted-query-store';

/** How Apollo keys the store (its APQ_CACHE_PREFIX). */
const key = (document: string) => `apq:${sha256Hex(document)}`;
const query = (n: number) => `{ viewer { role } } # ${n}`;

describe(PersistedQueryStore.name, () => {
  it('serves what Apollo registered to Apollo and to the HTTP layer, by the bare hash', async () => {
    const store = new PersistedQueryStore(DEFAULT_LIMITS.document);
    await store.set(key(query(1)), query(1));
    expect(await store.get(key(query(1)))).toBe(query(1));
    expect(store.document(sha256Hex(query(1)))).toBe(query(1));
  });

  it('never stores a document over the document limits, nor one that is not its hash\'s', async () => {
    const store = new PersistedQueryStore(DEFAULT_LIMITS.document);
    const aliases = `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    await store.set(key(aliases), aliases);
    await store.set(key(query(1)), query(2));
    expect(store.document(sha256Hex(aliases))).toBeUndefined();
    expect(store.document(sha256Hex(query(1)))).toBeUndefined();
  });

  it('forgets the least recently used documents past its budget of characters', async () => {
    const store = new PersistedQueryStore(DEFAULT_LIMITS.document, 3 * query(1).length);
    for (const n of [1, 2, 3]) await store.set(key(query(n)), query(n));
    expect(store.document(sha256Hex(query(1)))).toBe(query(1));
    await store.set(key(query(4)), query(4));
    expect([1, 2, 3, 4].map((n) => store.document(sha256Hex(query(n))) !== undefined)).toEqual([true, false, true, true]);
    expect(await store.delete(key(query(3)))).toBe(true);
    await store.set(key(query(5)), query(5));
    expect([1, 4, 5].map((n) => store.document(sha256Hex(query(n))) !== undefined)).toEqual([true, true, true]);
  });

  it('fails loudly on a key that does not end in a SHA-256 (Apollo keying its store another way)', async () => {
    await expect(new PersistedQueryStore(DEFAULT_LIMITS.document).get('apq:not-a-hash')).rejects.toThrow(/apq:<sha256 hex>/);
  });
});
