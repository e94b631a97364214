import { ServiceFault } from './faults';

/** What the request has written so far: decides whether a TIMEOUT may be retried blindly. */
export type WriteKind = 'none' | 'keyed' | 'unkeyed';

/**
 * How long the current request may still wait. Set when the request arrives (the read budget) and
 * raised once the operation is known to be a mutation; every bounded wait below (the plan's writer
 * queue, the lock retry budget, the transaction, the HTTP answer) asks it what is left.
 *
 * It is handed down explicitly (request context -> Caller -> TransactionOptions), never kept in
 * AsyncLocalStorage: on Node 20 one AsyncLocalStorage.run() turns on promise hooks for the whole
 * process, which made every promise about 3x dearer (docs/performance.md).
 */
export class RequestDeadline {
  private budgetMs: number;
  /** Set by the write path: 'keyed' when the write is guarded by an idempotency record. */
  writes: WriteKind = 'none';

  constructor(readonly startedAtMs: number, budgetMs: number, private readonly nowMs: () => number = Date.now) {
    this.budgetMs = budgetMs;
  }

  setBudget(ms: number): void {
    this.budgetMs = ms;
  }

  remainingMs(): number {
    return this.startedAtMs + this.budgetMs - this.nowMs();
  }

  noteWrite(kind: Exclude<WriteKind, 'none'>): void {
    if (this.writes !== 'unkeyed') this.writes = kind;
  }

  /**
   * Settles like `work`, unless the deadline passes first: then rejects with TIMEOUT (after
   * `onExpire`, which releases what `work` holds). Re-checks when its timer fires, since the
   * budget may have been raised meanwhile. `graceMs` lets inner races (the transaction's, which
   * knows whether COMMIT was in flight) answer first.
   */
  race<T>(work: Promise<T>, onExpire?: () => void, graceMs = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        const left = this.remainingMs() + graceMs;
        if (left > 0) {
          timer = setTimeout(arm, left);
          return;
        }
        onExpire?.();
        reject(new ServiceFault('TIMEOUT', { retryable: this.writes !== 'unkeyed' }));
      };
      arm();
      work.then((value) => { clearTimeout(timer); resolve(value); }, (error: unknown) => { clearTimeout(timer); reject(error); });
    });
  }
}
