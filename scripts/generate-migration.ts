/**
 * Writes a migration per driver with the SQL that brings an empty (or current) database to the
 * entities: `npx swc ... && node dist/scripts/generate-migration.js <name>`. Review the SQL before
 * committing it; the same change must land for both drivers.
 */
import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { closeDatabase, migrate, openDatabase } from '../src/db/data-source';

async function generate(name: string, driver: 'sqlite' | 'mysql', url: string): Promise<void> {
  const db = await openDatabase(url);
  await migrate(db);
  const sql = await db.dataSource.driver.createSchemaBuilder().log();
  await closeDatabase(db);
  if (sql.upQueries.length === 0) return void console.log(`${driver}: no changes`);
  const stamp = Date.now();
  const className = `${name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}${stamp}`;
  const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${sql.upQueries.map((s) => `    await q.query(${quote(s.query)});`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((s) => `    await q.query(${quote(s.query)});`).join('\n')}
  }
}
`;
  const file = path.join(__dirname, '../../src/db/migrations', driver, `${stamp}-${name}.ts`);
  fs.writeFileSync(file, body);
  console.log(`${driver}: wrote ${file}`);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error('usage: generate-migration <kebab-name>');
  await generate(name, 'sqlite', 'sqlite::memory:');
  const gen = 'tenor_migration_gen';
  await generate(name, 'mysql', process.env.MIGRATION_DATABASE_URL ?? `mysql://root@127.0.0.1:3306/${gen}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
