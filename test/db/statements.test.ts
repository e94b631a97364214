import 'reflect-metadata';
import { QueryFailedError } from 'typeorm';
import { boundDatabaseWaits, Database, migrate, openDatabase } from '../../src/db/data-source';
import { isDuplicateKey, ServiceFault } from '../../src/db/faults';
import { inTransaction } from '../../src/db/transaction';
import { SqlCounter } from '../support/sql-counter';
import { freshDatabaseUrl, onMysql } from '../support/test-database';

/**
 * The repositories' statements run through Tenor's statement runner on the connections Tenor opened
 * (src/db/sql/), not through TypeORM: what TypeORM's query runner gave the rest of the gateway must
 * still hold on both drivers.
 */
let db: Database;
let url: string;
const logged = new SqlCounter();
/** What the interceptors saw, outermost and innermost, in order. */
const outer: string[] = [];
const inner: string[] = [];
beforeAll(async () => {
  url = await freshDatabaseUrl('statements');
  db = await openDatabase(url, { logger: logged, poolSize: 2 });
  await migrate(db);
  db.observers.intercept((sql, run) => {
    inner.push(sql);
    return run();
  });
  db.observers.intercept((sql, run) => {
    outer.push(sql);
    return run();
  });
});
afterAll(() => db.dataSource.destroy());
beforeEach(() => {
  logged.reset();
  outer.length = 0;
  inner.length = 0;
});

const createdAt = new Date('2027-01-15T00:00:00Z');
const verbs = (statements: string[]) => statements.map((sql) => /^\s*(\w+(?: \w+)?)/.exec(sql)![1].toUpperCase());

it('shows every statement of a transaction, in order, to the logger and to each interceptor, and returns the connection', async () => {
  const id = await inTransaction(db, (tx) => tx.partners.insert({ name: 'in order', createdAt }));
  expect(await db.repositories.partners.byId(id)).toMatchObject({ name: 'in order' });
  const expected = onMysql()
    // The sessions of this data source were opened before boundDatabaseWaits: the transaction says READ COMMITTED itself.
    ? ['SET TRANSACTION', 'START TRANSACTION', 'INSERT INTO', 'COMMIT', 'SELECT']
    : ['BEGIN TRANSACTION', 'INSERT INTO', 'COMMIT', 'SELECT'];
  expect(verbs(logged.statements)).toEqual(expected);
  expect(outer).toEqual(logged.statements);
  expect(inner).toEqual(logged.statements);
  expect(db.connections.stats().inUse).toBe(0);
});

it('answers a refused statement as a QueryFailedError carrying the driver error, rolls the transaction back and writes nothing', async () => {
  await db.repositories.partners.insert({ name: 'taken', createdAt });
  const attempt = inTransaction(db, async (tx) => {
    await tx.partners.insert({ name: 'rolled back', createdAt });
    return tx.partners.insert({ name: 'taken', createdAt });
  });
  const error = await attempt.catch((failure: unknown) => failure);
  expect(error).toBeInstanceOf(QueryFailedError);
  expect(isDuplicateKey(error)).toBe(true);
  expect((error as QueryFailedError).query).toMatch(/^INSERT INTO/);
  expect(verbs(logged.statements).slice(-1)).toEqual(['ROLLBACK']);
  expect(await db.repositories.partners.byName('rolled back')).toBeNull();
  expect(db.connections.stats().inUse).toBe(0);
});

it('counts the rows a write affected', async () => {
  const record = (key: string, expiresAt: string) => ({
    apiKeyId: 1, idempotencyKey: key, operation: 'test', requestHash: 'h', response: '{}', createdAt, expiresAt: new Date(expiresAt),
  });
  const ids = [
    await db.repositories.idempotency.insert(record('expired-1', '2027-01-01T00:00:00Z')),
    await db.repositories.idempotency.insert(record('expired-2', '2027-01-02T00:00:00Z')),
    await db.repositories.idempotency.insert(record('live', '2027-02-01T00:00:00Z')),
  ];
  const now = new Date('2027-01-15T00:00:00Z');
  expect(await db.repositories.idempotency.deleteExpiredAmong(ids, now)).toBe(2);
  expect(await db.repositories.idempotency.deleteExpiredAmong(ids, now)).toBe(0);
});

const describeOnMysql = onMysql() ? describe : describe.skip;

describeOnMysql('with the waits bounded (MySQL)', () => {
  // A second gateway's view of the same database, bounded before its first statement, so every session gets the settings of timeouts.ts.
  let bounded: Database;
  beforeAll(async () => {
    bounded = await openDatabase(url, { logger: logged, poolSize: 2 });
    boundDatabaseWaits(bounded, { acquireTimeoutMs: 200, lockWaitSeconds: 2, statementTimeoutMs: 4000 }, () => undefined);
  });
  afterAll(() => bounded.dataSource.destroy());

  it('opens a transaction with START TRANSACTION alone once the session reads committed', async () => {
    await bounded.repositories.partners.any();
    logged.reset();
    await inTransaction(bounded, (tx) => tx.partners.insert({ name: 'one statement less', createdAt }));
    expect(verbs(logged.statements)).toEqual(['START TRANSACTION', 'INSERT INTO', 'COMMIT']);
  });

  it('answers DATABASE_BUSY, not a statement error, when no connection frees up in time, inside and outside transactions', async () => {
    const holders = [bounded.dataSource.createQueryRunner(), bounded.dataSource.createQueryRunner()];
    await Promise.all(holders.map((holder) => holder.connect()));
    try {
      for (const work of [() => bounded.repositories.partners.any(), () => inTransaction(bounded, (tx) => tx.partners.any())]) {
        const error = await work().catch((failure: unknown) => failure);
        expect(error).toBeInstanceOf(ServiceFault);
        expect((error as ServiceFault).code).toBe('DATABASE_BUSY');
      }
    } finally {
      await Promise.all(holders.map((holder) => holder.release()));
    }
    expect(await bounded.repositories.partners.any()).toBe(true);
  });
});
