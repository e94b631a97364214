import mysql from 'mysql2/promise';
import { OwnedProcess, startMariaDb } from './processes';

/** A MariaDB server of a replicated pair, with a way to run statements on it as root. */
export interface ReplicatedServer extends OwnedProcess {
  /** Runs statements (several allowed) as root on a connection of their own. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

export interface ReplicatedPair {
  primary: ReplicatedServer;
  replica: ReplicatedServer;
  /** DATABASE_REPLICA_URL for a reader with only SELECT and SLAVE MONITOR, as a replica's readers get. */
  replicaReaderUrl: string;
  /** Waits (bounded) until the replica has applied everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Kills both servers and removes their data; safe after a failed start. */
  close(): Promise<void>;
}

const CATCH_UP_SECONDS = 20;
const READER = 'tenor_reader';

function withQuery(server: OwnedProcess): ReplicatedServer {
  return Object.assign(server, {
    async query<T>(sql: string): Promise<T[]> {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root', multipleStatements: true, connectTimeout: 5000 });
      try {
        return (await connection.query(sql))[0] as T[];
      } finally {
        await connection.end();
      }
    },
  });
}

/**
 * Two MariaDB servers of our own, the second replicating the first (binlog in ROW format, GTID
 * positions). Both start from the same initialized data folder, so the replica applies the
 * primary's binlog from its first event.
 */
export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const started: OwnedProcess[] = [];
  const close = async () => {
    await Promise.all(started.splice(0).map((server) => server.dispose()));
  };
  try {
    const primary = withQuery(await startMariaDb(['--server-id=1', '--log-bin=binlog', '--binlog-format=ROW']));
    started.push(primary);
    const replica = withQuery(await startMariaDb(['--server-id=2', '--read-only', '--skip-log-bin']));
    started.push(replica);
    await primary.query(`CREATE USER '${READER}'@'127.0.0.1'; GRANT SELECT, SLAVE MONITOR ON *.* TO '${READER}'@'127.0.0.1'`);
    await replica.query(`CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', MASTER_PASSWORD='',
      MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE`);
    const caughtUp = async () => {
      const [{ position }] = await primary.query<{ position: string }>('SELECT @@gtid_binlog_pos AS position');
      const [{ waited }] = await replica.query<{ waited: number }>(`SELECT MASTER_GTID_WAIT('${position}', ${CATCH_UP_SECONDS}) AS waited`);
      if (Number(waited) !== 0) throw new Error(`the replica did not reach the primary's position ${position} within ${CATCH_UP_SECONDS} s`);
    };
    await caughtUp();
    const readerUrl = new URL(replica.url);
    readerUrl.username = READER;
    return { primary, replica, replicaReaderUrl: readerUrl.toString(), caughtUp, close };
  } catch (error) {
    await close();
    throw error;
  }
}
