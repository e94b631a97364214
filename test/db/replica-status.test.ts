import { interpretReplicaStatus } from '../../src/db/replica-probe';

// Rows as MariaDB 10.11 and MySQL 8.4 return them from SHOW REPLICA STATUS (the columns that matter).
const mariadb = (fields: Record<string, unknown>) => ({ Slave_IO_Running: 'Yes', Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 0, Last_IO_Errno: 0, Last_SQL_Errno: 0, ...fields });

describe(interpretReplicaStatus.name, () => {
  it('reads the lag of a replica applying changes', () => {
    expect(interpretReplicaStatus(mariadb({ Seconds_Behind_Master: 12 }))).toEqual({ replicating: true, lagSeconds: 12 });
  });

  it('reads MySQL 8 column names', () => {
    expect(interpretReplicaStatus({ Replica_IO_Running: 'Yes', Replica_SQL_Running: 'Yes', Seconds_Behind_Source: 3 })).toEqual({ replicating: true, lagSeconds: 3 });
  });

  it('takes a NULL lag as not replicating, naming the stopped thread', () => {
    expect(interpretReplicaStatus(mariadb({ Slave_SQL_Running: 'No', Seconds_Behind_Master: null })))
      .toEqual({ replicating: false, reason: 'IO thread Yes, SQL thread No' });
  });

  it('names the error numbers of a broken replication, never its message', () => {
    const reading = interpretReplicaStatus(mariadb({
      Slave_SQL_Running: 'No', Seconds_Behind_Master: null, Last_SQL_Errno: 1032, Last_SQL_Error: "Could not execute Update_rows event on table tenor.plans; Can't find record",
    }));
    expect(reading).toEqual({ replicating: false, reason: 'IO thread Yes, SQL thread No, SQL error 1032' });
  });

  it('takes a server without replication status as not a replica', () => {
    expect(interpretReplicaStatus(undefined)).toEqual({ replicating: false, reason: expect.stringMatching(/^not a replica/) });
  });
});
