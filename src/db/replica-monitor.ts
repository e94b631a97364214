import type { ReplicaReading } from './replica-probe';

/**
 * - `starting`: not checked yet;
 * - `replicating`: applying the primary's changes, at most the allowed lag behind;
 * - `lagging`: applying them, but further behind than allowed;
 * - `stopped`: not applying them (a replication thread stopped or broken, or not a replica);
 * - `unreachable`: did not answer the check in time, or refused the connection.
 * Only `replicating` serves reads.
 */
export type ReplicaHealth = 'starting' | 'replicating' | 'lagging' | 'stopped' | 'unreachable';

export interface ReplicaState {
  health: ReplicaHealth;
  /** Where analysts' reads go while this state holds. */
  source: 'replica' | 'primary';
  /** Seconds_Behind_Master at the last check, when the replica reported one. */
  lagSeconds: number | null;
  /** Why the replica is not replicating or not reachable (for the log line). */
  reason: string | null;
  /** When the replica entered this health (the injected clock). */
  since: Date;
  /** When it was last checked, null before the first check. */
  checkedAt: Date | null;
}

export type ReplicaStateListener = (state: ReplicaState, previous: ReplicaState) => void;

export interface ReplicaMonitorOptions {
  /** A replica further behind than this is not read from. */
  maxLagSeconds: number;
  /** How often the replica is checked; the fallback happens at most this long plus one check's timeout after a failure. */
  intervalMs: number;
  clock: () => Date;
}

/** What a check found, as a state, before it is compared with the previous one. */
function stateOf(reading: ReplicaReading | Error, maxLagSeconds: number): Pick<ReplicaState, 'health' | 'lagSeconds' | 'reason'> {
  if (reading instanceof Error) return { health: 'unreachable', lagSeconds: null, reason: reading.message };
  if (!reading.replicating) return { health: 'stopped', lagSeconds: null, reason: reading.reason };
  if (reading.lagSeconds > maxLagSeconds) {
    return { health: 'lagging', lagSeconds: reading.lagSeconds, reason: `${reading.lagSeconds} s behind the primary, limit ${maxLagSeconds} s` };
  }
  return { health: 'replicating', lagSeconds: reading.lagSeconds, reason: null };
}

/**
 * Checks a replica on an interval and keeps the verdict, so a request only reads a field to know
 * where to go. Listeners hear each change of health once (not each check, not each request).
 */
export class ReplicaMonitor {
  private current: ReplicaState;
  private readonly listeners: ReplicaStateListener[] = [];
  private running: Promise<ReplicaState> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly read: () => Promise<ReplicaReading>, private readonly options: ReplicaMonitorOptions) {
    this.current = { health: 'starting', source: 'primary', lagSeconds: null, reason: 'not checked yet', since: options.clock(), checkedAt: null };
  }

  state(): ReplicaState {
    return this.current;
  }

  onStateChange(listener: ReplicaStateListener): void {
    this.listeners.push(listener);
  }

  /** One check now; a check already under way is shared, never doubled. */
  check(): Promise<ReplicaState> {
    this.running ??= this.read().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
      .then((reading) => this.record(reading))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.intervalMs).unref();
  }

  /** Stops the timer and waits for a check under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private record(reading: ReplicaReading | Error): ReplicaState {
    const now = this.options.clock();
    const found = stateOf(reading, this.options.maxLagSeconds);
    const previous = this.current;
    const changed = found.health !== previous.health;
    this.current = {
      ...found,
      source: found.health === 'replicating' ? 'replica' : 'primary',
      since: changed ? now : previous.since,
      checkedAt: now,
    };
    if (changed) for (const listener of this.listeners) listener(this.current, previous);
    return this.current;
  }
}
