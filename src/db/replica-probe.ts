import mysql from 'mysql2/promise';
import type { MysqlTarget } from './database-url';

/** What a replica says about its own replication, or that it is not replicating at all. */
export type ReplicaReading =
  | { replicating: true; lagSeconds: number }
  | { replicating: false; reason: string };

type StatusRow = Record<string, unknown>;

/**
 * MariaDB (10.5.1+) and MySQL (8.0.22+) both know SHOW REPLICA STATUS; MySQL 8.4 no longer knows
 * SHOW SLAVE STATUS, MariaDB before 10.5 knows only it. MySQL renamed the columns (Source, Replica),
 * MariaDB kept the old names under both statements.
 */
const STATEMENTS = ['SHOW REPLICA STATUS', 'SHOW SLAVE STATUS'];
const PARSE_ERROR = 1064;

const column = (row: StatusRow, ...names: string[]): unknown => names.map((name) => row[name]).find((value) => value !== undefined);

/**
 * Seconds_Behind_Master is NULL whenever the replica is not applying the primary's changes (either
 * thread stopped, or broken on an error): its data may be any age, so it is "not replicating", not
 * "no lag". No row at all: the server is not a replica.
 */
export function interpretReplicaStatus(row: StatusRow | undefined): ReplicaReading {
  if (!row) return { replicating: false, reason: 'not a replica: SHOW REPLICA STATUS returned no row' };
  const lag = column(row, 'Seconds_Behind_Master', 'Seconds_Behind_Source');
  if (lag !== null && lag !== undefined) return { replicating: true, lagSeconds: Number(lag) };
  const io = column(row, 'Slave_IO_Running', 'Replica_IO_Running');
  const sql = column(row, 'Slave_SQL_Running', 'Replica_SQL_Running');
  // Error numbers only: the error texts can quote the replicated statement.
  const errors = [['IO', column(row, 'Last_IO_Errno')], ['SQL', column(row, 'Last_SQL_Errno')]]
    .filter(([, errno]) => errno !== undefined && Number(errno) !== 0).map(([thread, errno]) => `${thread} error ${errno}`);
  return { replicating: false, reason: [`IO thread ${io}`, `SQL thread ${sql}`, ...errors].join(', ') };
}

/**
 * Asks the replica for its status on a connection of its own, so a pool busy with analysts'
 * queries is not mistaken for a replica that is down. The connection is kept while it works and
 * replaced after any failure. Connecting and the query are each bounded by `timeoutMs`: a replica
 * that does not answer in time (frozen, overloaded, network partition) throws, which the monitor
 * reads as unreachable. Needs the REPLICATION CLIENT (MySQL) or SLAVE MONITOR (MariaDB) privilege.
 */
export class ReplicaProbe {
  private connection: mysql.Connection | null = null;
  private statement = 0;

  constructor(private readonly target: MysqlTarget, private readonly timeoutMs: number) {}

  async read(): Promise<ReplicaReading> {
    try {
      const connection = this.connection ?? await this.connect();
      return interpretReplicaStatus(await this.status(connection));
    } catch (error) {
      this.drop();
      throw error;
    }
  }

  close(): void {
    this.drop();
  }

  private async connect(): Promise<mysql.Connection> {
    const { host, port, user, password } = this.target;
    const connection = await mysql.createConnection({ host, port, user, password, connectTimeout: this.timeoutMs });
    // A connection that dies between two probes emits 'error' with nobody waiting on it.
    connection.on('error', () => {
      if (this.connection === connection) this.drop();
    });
    this.connection = connection;
    return connection;
  }

  private async status(connection: mysql.Connection): Promise<StatusRow | undefined> {
    try {
      const [rows] = await connection.query({ sql: STATEMENTS[this.statement], timeout: this.timeoutMs });
      return (rows as StatusRow[])[0];
    } catch (error) {
      if ((error as { errno?: number }).errno !== PARSE_ERROR || this.statement === STATEMENTS.length - 1) throw error;
      this.statement += 1;
      return this.status(connection);
    }
  }

  private drop(): void {
    // destroy, not end: end() waits for a server that may be frozen.
    this.connection?.destroy();
    this.connection = null;
  }
}
