import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * SQLite is one connection (sqlite-connection.ts): two transactions open at once on it would be one
 * transaction. On SQLite every write therefore waits for the previous one, and a statement from
 * outside a write waits while one is open: on the shared connection it would otherwise run inside
 * that write's transaction and see its uncommitted rows. (A second, read-only connection would not
 * need to wait, but an in-memory database cannot have one.) MySQL gets real isolation from the
 * database and runs everything in parallel.
 */
export class WriteSerializer {
  private tail: Promise<unknown> = Promise.resolve();
  private openWrites = 0;
  private readonly insideWrite = new AsyncLocalStorage<true>();

  constructor(private readonly serialize: boolean) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialize) return work();
    this.openWrites += 1;
    const start = () => this.insideWrite.run(true, work);
    const result = this.tail.then(start, start);
    this.tail = result.then(() => undefined, () => undefined).then(() => {
      this.openWrites -= 1;
    });
    return result;
  }

  /** What a statement must wait for before it runs: nothing, or the writes queued so far. */
  beforeStatement(): Promise<unknown> | null {
    if (!this.serialize || this.openWrites === 0 || this.insideWrite.getStore()) return null;
    return this.tail;
  }
}
