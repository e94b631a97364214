import 'reflect-metadata';
import { Partner } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { InsertRows, insertRows } from '../../src/db/sql/shapes';
import { StatementRunner } from '../../src/db/sql/statement-runner';
import { freshDatabaseUrl } from '../support/test-database';

let db: Database;
let runner: StatementRunner;
let partners: InsertRows<Partner>;
beforeAll(async () => {
  db = await openDatabase(await freshDatabaseUrl('raw_writes'));
  await migrate(db);
  runner = new StatementRunner(db.tables, db.connections.pooled, db.observers, db.driver === 'sqlite' ? db.writes : null);
  partners = insertRows(db.tables.names.partners);
});
afterAll(() => db.dataSource.destroy());

const createdAt = new Date('2027-01-15T00:00:00Z');
const idsNamed = async (prefix: string) =>
  (await db.repositories.reads.page(Partner, null, { first: 100 })).rows.filter((p) => p.name.startsWith(prefix)).map((p) => p.id);

describe(StatementRunner.prototype.insert.name, () => {
  it('returns the id of the only row of a one-row insert', async () => {
    const id = await runner.insert(partners, [{ name: 'single', createdAt }]);
    expect(await idsNamed('single')).toEqual([id]);
  });

  it('returns the id of the first row of a multi-row insert, after earlier rows', async () => {
    await runner.insert(partners, [{ name: 'earlier-1', createdAt }, { name: 'earlier-2', createdAt }]);
    const first = await runner.insert(partners, [{ name: 'batch-a', createdAt }, { name: 'batch-b', createdAt }, { name: 'batch-c', createdAt }]);
    const ids = await idsNamed('batch-');
    expect(ids).toHaveLength(3);
    expect(first).toBe(ids[0]);
  });
});
