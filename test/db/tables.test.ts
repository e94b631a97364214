import 'reflect-metadata';
import { Plan } from '../../entities';
import { Database, openDatabase } from '../../src/db/data-source';
import type { TableNames } from '../../src/db/tables';

let db: Database;
beforeAll(async () => {
  db = await openDatabase('sqlite::memory:');
});
afterAll(() => db.dataSource.destroy());

describe('Tables', () => {
  it('names tables and columns from the entity metadata, quoted for the driver', () => {
    const { plans: p } = db.tables.names;
    expect(`SELECT * FROM ${p} WHERE ${p.nextStatusCheckOn} <= ?`).toBe('SELECT * FROM "plans" WHERE "nextStatusCheckOn" <= ?');
  });

  it('refuses, naming the entity, a column the entity does not store', () => {
    // A relation property is not a column of its own; the type says so too.
    // @ts-expect-error merchantRef is a relation, not a column
    expect(() => `${db.tables.names.plans.merchantRef}`).toThrow('Plan has no column merchantRef');
    expect(() => db.tables.of(Plan).column('nope' as never)).toThrow('Plan has no column nope');
  });

  it('builds a repository\'s statements once per data source, so a bad name fails when the database opens', () => {
    let builds = 0;
    const build = ({ plans: p }: TableNames) => {
      builds += 1;
      return { lock: `SELECT * FROM ${p} WHERE ${p.id} = ?` };
    };
    expect(db.tables.statements(build)).toBe(db.tables.statements(build));
    expect(builds).toBe(1);
    const bad = ({ plans: p }: TableNames) => ({ typo: `SELECT * FROM ${p} WHERE ${(p as unknown as Record<string, string>).nextCheck} = ?` });
    expect(() => db.tables.statements(bad)).toThrow('Plan has no column nextCheck');
  });

  it('refuses a class that is not an entity of the data source', () => {
    class NotAnEntity {}
    expect(() => db.tables.of(NotAnEntity)).toThrow('NotAnEntity is not an entity of this data source');
  });
});
