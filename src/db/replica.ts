import type { Viewer } from '../auth/viewer';
import { closeDatabase, Database, openDatabase } from './data-source';
import { parseDatabaseUrl } from './database-url';
import type { Repositories } from './repositories';
import { ReplicaMonitor, ReplicaState, ReplicaStateListener } from './replica-monitor';
import { ReplicaProbe } from './replica-probe';
import type { SqlLogger } from './sql/statement-runner';

export const DEFAULT_REPLICA_CHECK_MS = 5_000;
export const DEFAULT_REPLICA_TIMEOUT_MS = 2_000;

export interface ReplicaOptions {
  /** DATABASE_REPLICA_URL, or null: everything reads from the primary. */
  url: string | null;
  maxLagSeconds: number;
  poolSize: number;
  clock: () => Date;
  /** How often the replica is checked (default 5 s). */
  checkIntervalMs?: number;
  /** How long a check may take before the replica counts as unreachable (default 2 s). */
  timeoutMs?: number;
  /** Sees every statement sent to the replica, like the primary's. */
  sqlLogger?: SqlLogger;
  /** Called once the replica's pool is open (the gateway bounds its waits like the primary's). */
  onOpen?: (replica: Database) => void;
}

/** Where a state change is written; pino's shape, so src/db needs no logger of its own. */
export interface ReplicaLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * The one place that decides which database answers a read: it hands out the repositories of the
 * primary or of the replica, and the repositories are the only way to the database. Analysts' reads (portfolio-wide,
 * read-only, tolerant of a few seconds' delay) go to the replica while it replicates within the
 * allowed lag; partners' and admins' reads, every mutation and its payload stay on the primary, so
 * whoever writes reads their own writes. The key lookup of authentication is not a read of this
 * kind: it always goes to the primary, so a revoked key is refused at once.
 */
export class ReadRouting {
  private constructor(
    readonly primary: Database,
    private readonly replica: { monitor: ReplicaMonitor; database: () => Database | null; close(): Promise<void> } | null,
  ) {}

  /** No replica configured: every read is the primary's. */
  static primaryOnly(primary: Database): ReadRouting {
    return new ReadRouting(primary, null);
  }

  /**
   * Opens nothing yet: the replica's pool is opened by the first check that finds it replicating,
   * so a replica that is down when the gateway starts delays nothing but analysts' move to it.
   */
  static withReplica(primary: Database, options: ReplicaOptions & { url: string }): ReadRouting {
    const target = parseDatabaseUrl(options.url);
    if (target.driver !== 'mysql') throw new Error('DATABASE_REPLICA_URL must be a MySQL or MariaDB URL (config checks this at start)');
    const probe = new ReplicaProbe(target, options.timeoutMs ?? DEFAULT_REPLICA_TIMEOUT_MS);
    let database: Database | null = null;
    const read = async () => {
      const reading = await probe.read();
      if (reading.replicating && !database) {
        database = await openDatabase(options.url, { replica: true, poolSize: options.poolSize, logger: options.sqlLogger });
        options.onOpen?.(database);
      }
      return reading;
    };
    const monitor = new ReplicaMonitor(read, {
      maxLagSeconds: options.maxLagSeconds, intervalMs: options.checkIntervalMs ?? DEFAULT_REPLICA_CHECK_MS, clock: options.clock,
    });
    return new ReadRouting(primary, {
      monitor,
      database: () => database,
      async close() {
        await monitor.stop();
        probe.close();
        if (database) await closeDatabase(database);
      },
    });
  }

  /** The repositories that answer this viewer's reads, for this request (outside transactions). */
  readsFor(viewer: Pick<Viewer, 'role'>): Repositories {
    if (viewer.role !== 'ANALYST' || this.replica?.monitor.state().source !== 'replica') return this.primary.repositories;
    return (this.replica.database() ?? this.primary).repositories;
  }

  /** The replica's last verdict, or null without a replica (metrics and tests read it). */
  state(): ReplicaState | null {
    return this.replica?.monitor.state() ?? null;
  }

  /** Each change of the replica's health, once; never called without a replica. */
  onStateChange(listener: ReplicaStateListener): void {
    this.replica?.monitor.onStateChange(listener);
  }

  /** Checks now, then on the interval; the first check is awaited so analysts start on the replica when it is healthy. */
  async start(): Promise<void> {
    if (!this.replica) return;
    await this.replica.monitor.check();
    this.replica.monitor.start();
  }

  /** Checks the replica now (tests, and an operator's check after a repair). */
  async check(): Promise<ReplicaState | null> {
    return this.replica ? this.replica.monitor.check() : null;
  }

  async close(): Promise<void> {
    await this.replica?.close();
  }
}

export function openReadRouting(primary: Database, options: ReplicaOptions): ReadRouting {
  return options.url ? ReadRouting.withReplica(primary, { ...options, url: options.url }) : ReadRouting.primaryOnly(primary);
}

/** One line per change of health: a warning when analysts leave the replica, info when they return. */
export function logReplicaChanges(routing: ReadRouting, log: ReplicaLog): void {
  routing.onStateChange((state, previous) => {
    const fields = { replica: { health: state.health, previous: previous.health, source: state.source, lagSeconds: state.lagSeconds, reason: state.reason } };
    if (state.source === 'replica') log.info(fields, 'analysts read from the replica');
    else log.warn(fields, `analysts read from the primary: replica ${state.health}${state.reason ? ` (${state.reason})` : ''}`);
  });
}
