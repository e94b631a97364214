import type { DatabaseTimeouts } from '../timeouts';
import type { Dialect } from './dialect';
import type { StatementTarget } from './statement-runner';

export interface PoolStats {
  inUse: number;
  idle: number;
  /** Callers queued for a connection: the pool is saturated while this is above zero. */
  waiting: number;
  max: number;
}

/** The connection a transaction holds from its first statement to COMMIT or ROLLBACK. */
export interface TransactionConnection {
  readonly target: StatementTarget;
  /** The statements that open a transaction on this connection, in order. */
  readonly opening: readonly string[];
  release(): void;
  /** Drops the connection: the only way to stop a statement the server is not answering (the server rolls the transaction back when it notices). */
  abandon(): void;
}

/**
 * The connections Tenor opens for one database, MySQL's pool (mysql-connections.ts) or SQLite's one
 * handle (sqlite-connection.ts), which the statement runner sends on and TypeORM is handed for its
 * migrations and metadata (its public `driver` option), so both work on the same connections.
 */
export interface Connections {
  readonly dialect: Dialect;
  /** Sends each statement on a connection taken for it alone, autocommitted. */
  readonly pooled: StatementTarget;
  /** A connection for one transaction. */
  forTransaction(): Promise<TransactionConnection>;
  /**
   * Whether a transaction can be stopped by dropping its connection. Not on SQLite, whose driver is
   * synchronous: its transactions are not raced against the request's deadline.
   */
  readonly abandonable: boolean;
  /**
   * From now on a pool acquire gives up after a timeout (DATABASE_BUSY) and every session waits for
   * locks and statements only so long (MySQL; SQLite has one connection and its busy timeout).
   */
  boundWaits(timeouts: DatabaseTimeouts, onError: (error: unknown) => void): void;
  stats(): PoolStats;
  /** TypeORM's `driver` option: the driver module, answering these connections instead of opening its own. */
  readonly typeormDriver: object;
  close(): Promise<void>;
}
