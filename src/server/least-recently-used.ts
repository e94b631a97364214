/**
 * A Map that holds at most `capacity` entries and, when full, forgets the one used longest ago.
 * A Map iterates in insertion order, so re-inserting an entry on every read keeps the least
 * recently used one first.
 */
export class LeastRecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();
  private newest: K | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LeastRecentlyUsed capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    // The same operation many times in a row (the common case) is already in place.
    if (value !== undefined && key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }
}
