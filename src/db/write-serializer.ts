/**
 * TypeORM on better-sqlite3 has one connection: two concurrent transaction() calls would nest as
 * savepoints of one transaction and see each other's writes. On SQLite every write therefore waits
 * for the previous one. MySQL gets real isolation from the database and runs writes in parallel.
 */
export class WriteSerializer {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly serialize: boolean) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialize) return work();
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
