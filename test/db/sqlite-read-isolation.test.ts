import 'reflect-metadata';
import { Partner } from '../../entities';
import { Database, migrate, openDatabase } from '../../src/db/data-source';
import { inTransaction } from '../../src/db/transaction';

let db: Database;
beforeAll(async () => {
  db = await openDatabase('sqlite::memory:');
  await migrate(db);
});
afterAll(() => db.dataSource.destroy());

const names = async () => (await db.repositories.reads.page(Partner, null, { first: 100 })).rows.map((p) => p.name);

/** Starts a write that inserts `name` and holds its transaction open until the returned release is called. */
function openWrite(name: string, outcome: 'commit' | 'rollback') {
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let inserted!: () => void;
  const didInsert = new Promise<void>((resolve) => { inserted = resolve; });
  const done = inTransaction(db, async (tx) => {
    await tx.partners.insert({ name, createdAt: new Date('2027-01-15T00:00:00Z') });
    inserted();
    await held;
    if (outcome === 'rollback') throw new Error('rolled back on purpose');
  }).catch(() => undefined);
  return { didInsert, release, done };
}

describe('SQLite reads while a write is open', () => {
  it('never see a write that is later rolled back', async () => {
    const write = openWrite('Ghost', 'rollback');
    await write.didInsert;
    const read = names();
    const count = db.dataSource.getRepository(Partner).count();
    write.release();
    await write.done;
    expect(await read).not.toContain('Ghost');
    expect(await count).toBe(0);
  });

  it('see a committed write once it has committed', async () => {
    const write = openWrite('Acme', 'commit');
    await write.didInsert;
    const read = names();
    write.release();
    expect(await read).toEqual(['Acme']);
  });

  it('reads inside the write see its own rows', async () => {
    await inTransaction(db, async (tx) => {
      await tx.partners.insert({ name: 'Inside', createdAt: new Date('2027-01-15T00:00:00Z') });
      expect(await names()).toContain('Inside');
    });
  });
});
