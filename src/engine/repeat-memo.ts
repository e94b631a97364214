/**
 * A small memo for values worth keeping only when they are asked for again: a key enters on its
 * second miss among the last `window` misses. A value asked for once (a stored offer's schedule from
 * its own day) is never kept, so it dies young instead of being carried, and promoted, by the
 * garbage collector with the memo; a value asked for all day (today's offers) is kept from its
 * second ask. Bounded: once `capacity` values are kept, the next one starts it afresh.
 */
export class RepeatMemo<V> {
  private readonly kept = new Map<string, V>();
  private readonly missed: string[] = [];
  private nextMiss = 0;

  constructor(private readonly capacity: number, private readonly window = capacity) {}

  get(key: string): V | undefined {
    return this.kept.get(key);
  }

  /** After a miss: keeps `value` if `key` missed recently too, else notes the miss. */
  missedWith(key: string, value: V): void {
    if (this.missed.includes(key)) {
      if (this.kept.size >= this.capacity) this.kept.clear();
      this.kept.set(key, value);
      return;
    }
    this.missed[this.nextMiss] = key;
    this.nextMiss = (this.nextMiss + 1) % this.window;
  }
}
