import 'reflect-metadata';
import { Partner } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { queryRows } from '../../src/db/plain-rows';
import { insertRows } from '../../src/db/raw-writes';
import { freshDatabaseUrl } from '../support/test-database';

let db: Database;
beforeAll(async () => {
  db = await openDatabase(await freshDatabaseUrl('raw_writes'));
  await migrate(db);
});
afterAll(() => db.dataSource.destroy());

const createdAt = new Date('2027-01-15T00:00:00Z');
const idsNamed = async (prefix: string) =>
  (await queryRows(db.dataSource, Partner, (t) => `SELECT e.* FROM ${t} e WHERE e.name LIKE ? ORDER BY e.id`, [`${prefix}%`])).map((p) => p.id);

describe(insertRows.name, () => {
  it('returns the id of the only row of a one-row insert', async () => {
    const id = await db.dataSource.transaction((m) => insertRows(m, Partner, [{ name: 'single', createdAt }]));
    expect(await idsNamed('single')).toEqual([id]);
  });

  it('returns the id of the first row of a multi-row insert, after earlier rows', async () => {
    await db.dataSource.transaction((m) => insertRows(m, Partner, [{ name: 'earlier-1', createdAt }, { name: 'earlier-2', createdAt }]));
    const first = await db.dataSource.transaction((m) => insertRows(m, Partner, [
      { name: 'batch-a', createdAt }, { name: 'batch-b', createdAt }, { name: 'batch-c', createdAt },
    ]));
    const ids = await idsNamed('batch-');
    expect(ids).toHaveLength(3);
    expect(first).toBe(ids[0]);
  });
});
