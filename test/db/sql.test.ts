import 'reflect-metadata';
import { Partner } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { Sql } from '../../src/db/sql';
import { onQueryRunner } from '../../src/db/statements';
import type { Table } from '../../src/db/table';
import { freshDatabaseUrl } from '../support/test-database';

let db: Database;
let partners: Table<Partner>;
beforeAll(async () => {
  db = await openDatabase(await freshDatabaseUrl('raw_writes'));
  await migrate(db);
  partners = db.tables.of(Partner);
});
afterAll(() => db.dataSource.destroy());

const createdAt = new Date('2027-01-15T00:00:00Z');
const inTransaction = (work: (sql: Sql) => Promise<number>) =>
  db.dataSource.transaction((m) => work(new Sql(db.tables, onQueryRunner(m.queryRunner!), null)));
const idsNamed = async (prefix: string) =>
  (await db.repositories.reads.page(Partner, null, { first: 100 })).rows.filter((p) => p.name.startsWith(prefix)).map((p) => p.id);

describe(Sql.prototype.insert.name, () => {
  it('returns the id of the only row of a one-row insert', async () => {
    const id = await inTransaction((sql) => sql.insert(partners, [{ name: 'single', createdAt }]));
    expect(await idsNamed('single')).toEqual([id]);
  });

  it('returns the id of the first row of a multi-row insert, after earlier rows', async () => {
    await inTransaction((sql) => sql.insert(partners, [{ name: 'earlier-1', createdAt }, { name: 'earlier-2', createdAt }]));
    const first = await inTransaction((sql) => sql.insert(partners, [
      { name: 'batch-a', createdAt }, { name: 'batch-b', createdAt }, { name: 'batch-c', createdAt },
    ]));
    const ids = await idsNamed('batch-');
    expect(ids).toHaveLength(3);
    expect(first).toBe(ids[0]);
  });
});
