import mysql from 'mysql2/promise';
import { insertAll, loadAll, openConnection } from '../../bench/seed-bench';
import { freshDatabaseUrl, onMysql } from '../support/test-database';

// The scale bench seeds a million plans with loadAll; the regular bench with insertAll. A value
// LOAD DATA reads differently from what the INSERT wrote would corrupt the seed without an error.
(onMysql() ? describe : describe.skip)(loadAll.name, () => {
  let connection: mysql.Connection;
  beforeAll(async () => {
    const url = await freshDatabaseUrl('bench_load_all');
    const server = await openConnection(url, false);
    await server.query(`CREATE DATABASE \`${new URL(url).pathname.slice(1)}\``);
    await server.end();
    connection = await openConnection(url, true);
    for (const table of ['inserted', 'loaded']) {
      await connection.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, text VARCHAR(40) NULL, day DATE NULL, at DATETIME(3) NOT NULL, amount BIGINT NOT NULL)`);
    }
  });
  afterAll(() => connection.end());

  const rows = [
    { id: 1, text: 'shopper1@example.com', day: '2027-01-31', at: new Date('2027-01-31T23:59:59.123Z'), amount: 9_007_199_254_740_991 },
    { id: 2, text: null, day: null, at: new Date('2027-02-01T00:00:00Z'), amount: -250 },
    { id: 3, text: 'tab\there, new\nline, back\\slash, \\N', day: '2027-02-28', at: new Date('2027-02-28T12:00:00.5Z'), amount: 0 },
    { id: 4, text: 'Zoë – ünïcode', day: '2027-03-01', at: new Date('2027-03-01T05:06:07.008Z'), amount: 1 },
  ];
  const read = async (table: string) => (await connection.query(`SELECT * FROM ${table} ORDER BY id`))[0];

  it('writes exactly the rows insertAll writes, NULLs, escapes, dates and big integers included', async () => {
    await insertAll(connection, 'inserted', rows);
    await loadAll(connection, 'loaded', rows);
    expect(await read('loaded')).toEqual(await read('inserted'));
    expect((await read('loaded') as { text: string | null }[]).map((r) => r.text)).toEqual(rows.map((r) => r.text));
  });

  it('fails on a value MariaDB has to adjust instead of storing it changed', async () => {
    await expect(loadAll(connection, 'loaded', [{ id: 9, text: 'x'.repeat(41), day: null, at: new Date(), amount: 1 }])).rejects.toThrow(/warning|too long/i);
  });
});
