import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { classifyFault, ServiceFault } from '../../src/db/faults';
import { sparePort } from '../support/spare-port';

/** Real driver errors, provoked here, and what the client is told about each. */
describe(classifyFault.name, () => {
  it('calls a refused database connection SERVICE_UNAVAILABLE', async () => {
    const port = await sparePort();
    const error = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 }).catch((e: unknown) => e);
    expect(classifyFault(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 5 });
  });

  it('leaves a bug (an SQL error) to be masked as an internal error', async () => {
    const sqlite = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await sqlite.initialize();
    const error = await sqlite.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    await sqlite.destroy();
    expect(classifyFault(error)).toBeUndefined();
  });

  it('passes a fault the gateway raised itself through unchanged', () => {
    const fault = new ServiceFault('PLAN_BUSY');
    expect(classifyFault(fault)).toBe(fault);
  });
});
