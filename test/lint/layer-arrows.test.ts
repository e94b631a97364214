import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

// ESLint loads eslint.config.mjs with a dynamic import, which jest's module sandbox does not offer, so
// the real ESLint runs in a plain Node process: the project's own config, as `npm run lint` uses it.
const LINT = `
const { ESLint } = require('eslint');
const path = require('node:path');
const cases = JSON.parse(process.argv[1]);
const RULES = ['no-restricted-imports', 'no-restricted-syntax'];
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([file, source]) => {
  const [result] = await eslint.lintText(source, { filePath: path.join(process.cwd(), file) });
  return result.messages.filter((m) => RULES.includes(m.ruleId)).map((m) => m.message);
})).then((out) => process.stdout.write(JSON.stringify(out)));
`;

/** For each [file, source], the messages of the layer rules ESLint reports as if `source` were that file. */
function restrictedImports(cases: [string, string][]): string[][] {
  const withUse = cases.map(([file, source]) => [file, `${source}\nexport const used = 1;\n`]);
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT, JSON.stringify(withUse)], { cwd: root, encoding: 'utf8' }));
}

const REFUSED: [string, string][] = [
    ['src/engine/x.ts', "import { DataSource } from 'typeorm';"],
    ['src/db/x.ts', "import { LifecycleCommands } from '../services/lifecycle/commands';"],
    ['src/db/x.ts', "import { createLoaders } from '../loaders/loaders';"],
    ['src/auth/x.ts', "import { Services } from '../services/services';"],
    ['src/services/x.ts', "import { createLoaders } from '../loaders/loaders';"],
    ['src/services/lifecycle/x.ts', "import { loadConfig } from '../../server/config';"],
    ['src/services/x.ts', "import { seedDemoData } from '../demo/seed';"],
    ['src/loaders/x.ts', "import { Services } from '../services/services';"],
    ['resolvers/plan/x.ts', "import { Repository } from 'typeorm';"],
    ['resolvers/plan/x.ts', "import { Repositories } from '../../src/db/repositories';"],
    ['resolvers/plan/x.ts', "import { PlanRepository } from '../../src/db/repositories/plan.repository';"],
    ['resolvers/plan/x.ts', "import { loadConfig } from '../../src/server/config';"],
    ['entities/x.entity.ts', "import { Services } from '../src/services/services';"],
    ['src/errors/x.ts', "import { loadConfig } from '../server/config';"],
    ['src/errors/x.ts', "import { GraphQLError } from 'graphql';"],
    // Only the repository layer writes SQL.
    ['src/services/x.ts', "import { Repository } from 'typeorm';"],
    ['src/services/lifecycle/x.ts', "import type { SelectQueryBuilder } from 'typeorm/query-builder/SelectQueryBuilder';"],
    ['src/loaders/x.ts', "import { EntityManager } from 'typeorm';"],
    ['src/demo/x.ts', "import { DataSource } from 'typeorm';"],
    ['src/services/x.ts', "import mysql from 'mysql2/promise';"],
    ['src/services/x.ts', "import { Sql } from '../db/sql';"],
    ['src/services/x.ts', "export const rows = (db) => db.dataSource.query('SELECT * FROM plans');"],
    ['src/loaders/x.ts', "export const plans = (db) => db.dataSource.getRepository('Plan').find();"],
    ['src/demo/x.ts', "export const count = (db) => db.dataSource.manager.count('Partner');"],
    ['src/demo/x.ts', "import { createLoaders } from '../loaders/loaders';"],
];

const ALLOWED: [string, string][] = [
    ['src/services/x.ts', "import type { Repositories } from '../db/repositories';"],
    ['src/services/x.ts', "export const plan = (db, id) => db.repositories.plans.lock(id, null);"],
    ['src/services/lifecycle/x.ts', "import { inTransaction } from '../../db/transaction';"],
    ['src/loaders/x.ts', "import { EntityReads } from '../db/entity-reads';"],
    ['src/demo/x.ts', "import type { Repositories } from '../db/repositories';"],
    ['src/db/x.ts', "import { DataSource } from 'typeorm';"],
    ['src/db/x.ts', "export const rows = (db) => db.dataSource.query('SELECT 1');"],
    ['resolvers/plan/x.ts', "import type { Page } from '../../src/db/page';"],
    ['resolvers/plan/x.ts', "import { LifecycleCommands } from '../../src/services/lifecycle/commands';"],
    ['src/demo/x.ts', "import { CommandRunner } from '../services/lifecycle/command-runner';"],
    ['src/server/x.ts', "import { createLoaders } from '../loaders/loaders';"],
    ['src/db/x.ts', "import { FAULT_RULES } from '../errors/error-codes';"],
    ['src/server/x.ts', "import { ERROR_CODES } from '../errors/error-codes';"],
];

describe('layer arrows (eslint.config.mjs)', () => {
  let messages: string[][];
  beforeAll(() => {
    messages = restrictedImports([...REFUSED, ...ALLOWED]);
  });

  it.each(REFUSED.map((c, i) => [...c, i] as const))('refuses in %s: %s', (_file, _source, i) => {
    expect(messages[i]).not.toEqual([]);
  });

  it.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))('allows in %s: %s', (_file, _source, i) => {
    expect(messages[i]).toEqual([]);
  });
});
