import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConnectionMetadataBuilder } from 'typeorm/connection/ConnectionMetadataBuilder';
import { ALL_ENTITIES } from '../../entities';
import { Dialect, MYSQL, SQLITE } from '../../src/db/sql/dialect';
import { StatementObservers, StatementRunner } from '../../src/db/sql/statement-runner';
import { Tables } from '../../src/db/tables';
import { Example, REPOSITORY_EXAMPLES, RepositoryExamples } from './repository-sql-examples';

/**
 * The SQL of every repository method, committed in src/db/queries/<repository>.sql so that a change
 * to a statement shows in the diff of the change that makes it. Each method runs with its examples
 * (repository-sql-examples.ts) on a runner that records what it is sent instead of sending it, on
 * the tables of each dialect as the entities define them. The test fails when a file differs from
 * what the code sends, when a method has no example, and when a repository has no file;
 * `UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts` writes the files afresh.
 */
const QUERIES = path.join(__dirname, '..', '..', 'src', 'db', 'queries');
const REPOSITORIES = path.join(__dirname, '..', '..', 'src', 'db', 'repositories');
const DIALECTS: Dialect[] = [MYSQL, SQLITE];

/** Every answer a statement may need: rows (none, or an example's), and each driver's write summary. */
const answer = (rows: unknown[] = []) => Object.assign([...rows], { affectedRows: 1, insertId: 1, changes: 1, lastInsertRowid: 100 });

async function tablesOf(dialect: Dialect): Promise<Tables> {
  // TypeORM's drivers are only constructed, never connected: their metadata and value conversions need no database.
  const dataSource = new DataSource(dialect.name === 'mysql'
    ? { type: 'mysql', entities: ALL_ENTITIES }
    : { type: 'better-sqlite3', database: ':memory:', entities: ALL_ENTITIES });
  return new Tables(await new ConnectionMetadataBuilder(dataSource).buildEntityMetadatas(ALL_ENTITIES), dataSource.driver, dialect);
}

/** The statements one call sends on one dialect. */
async function recorded(tables: Tables, entry: RepositoryExamples<unknown>, method: string, example: Example<unknown[]>): Promise<string[]> {
  const sent: string[] = [];
  const answers = [...(example.answers ?? [])];
  const target = { send: async (sql: string) => (sent.push(sql), answer(answers.shift())) };
  const repository = new entry.repository(new StatementRunner(tables, target, new StatementObservers(null), null)) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await repository[method](...example.args);
  return sent;
}

function render(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'function') return value.name;
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`).join(', ')} }`;
  return String(value);
}

/** One clause of the statement per line (subqueries stay on their clause's line), so that a diff shows which clause changed. */
const CLAUSE = /^\s+(?:FROM|WHERE|GROUP BY|ORDER BY|LIMIT|INNER JOIN|LEFT JOIN|UNION ALL|VALUES|SET|ON DUPLICATE KEY UPDATE|ON CONFLICT)\b/;
function formatted(sql: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth === 0 && char === ' ' && CLAUSE.test(sql.slice(i))) out += '\n ';
    out += char;
  }
  return `${out};`;
}

async function sqlFile(entry: RepositoryExamples<unknown>, tables: Map<Dialect, Tables>): Promise<string> {
  const name = entry.repository.name;
  const blocks = [`-- The SQL each method of ${name} sends, by dialect. Written by test/db/repository-sql.test.ts from the`,
    '-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts'];
  for (const [method, examples] of Object.entries(entry.methods) as [string, (Example<unknown[]> | unknown[])[]][]) {
    for (const raw of examples) {
      const example = Array.isArray(raw) ? { args: raw } : raw;
      blocks.push('', `-- ${name}.${method}(${example.label ?? example.args.map(render).join(', ')})`);
      for (const dialect of DIALECTS.filter((d) => !entry.dialects || entry.dialects.includes(d.name))) {
        const statements = await recorded(tables.get(dialect)!, entry, method, example);
        blocks.push(`-- ${dialect.name}`, ...(statements.length ? statements.map(formatted) : ['-- (no statement)']));
      }
    }
  }
  return `${blocks.join('\n')}\n`;
}

let tables: Map<Dialect, Tables>;
beforeAll(async () => {
  tables = new Map(await Promise.all(DIALECTS.map(async (dialect) => [dialect, await tablesOf(dialect)] as const)));
});

describe('the committed SQL of the repositories (src/db/queries)', () => {
  it.each(REPOSITORY_EXAMPLES.map((entry) => [entry.file, entry] as const))('%s.sql is what its methods send', async (file, entry) => {
    const target = path.join(QUERIES, `${file}.sql`);
    const expected = await sqlFile(entry, tables);
    if (process.env.UPDATE_SQL) fs.writeFileSync(target, expected);
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : `(src/db/queries/${file}.sql is missing)`;
    expect(committed).toBe(expected);
  });

  it.each(REPOSITORY_EXAMPLES.map((entry) => [entry.repository.name, entry] as const))('covers every method of %s', (_name, entry) => {
    const methods = Object.getOwnPropertyNames(entry.repository.prototype).filter((name) => name !== 'constructor').sort();
    expect(Object.keys(entry.methods).sort()).toEqual(methods);
  });

  it('has examples for every repository, and a file for nothing else', () => {
    const repositories = fs.readdirSync(REPOSITORIES).filter((file) => file.endsWith('.repository.ts')).map((file) => file.replace(/\.ts$/, ''));
    expect(REPOSITORY_EXAMPLES.map((entry) => entry.file).sort()).toEqual([...repositories, 'entity-reads'].sort());
    expect(fs.readdirSync(QUERIES).sort()).toEqual(REPOSITORY_EXAMPLES.map((entry) => `${entry.file}.sql`).sort());
  });
});
