import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

// ESLint loads eslint.config.mjs with a dynamic import, which jest's module sandbox does not offer, so
// the real ESLint runs in a plain Node process: the project's own config, as `npm run lint` uses it.
const LINT = `
const { ESLint } = require('eslint');
const path = require('node:path');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([file, source]) => {
  const [result] = await eslint.lintText(source, { filePath: path.join(process.cwd(), file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
})).then((out) => process.stdout.write(JSON.stringify(out)));
`;

/** For each [file, source], the import-rule messages ESLint reports as if `source` were that file. */
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
    ['resolvers/plan/x.ts', "import { queryRows } from '../../src/db/plain-rows';"],
    ['resolvers/plan/x.ts', "import { loadConfig } from '../../src/server/config';"],
    ['entities/x.entity.ts', "import { Services } from '../src/services/services';"],
];

const ALLOWED: [string, string][] = [
    ['src/services/x.ts', "import { queryRows } from '../db/plain-rows';"],
    ['src/loaders/x.ts', "import { fetchPage } from '../db/paged-query';"],
    ['resolvers/plan/x.ts', "import type { Page } from '../../src/db/page';"],
    ['resolvers/plan/x.ts', "import { LifecycleCommands } from '../../src/services/lifecycle/commands';"],
    ['src/demo/x.ts', "import { writeTransaction } from '../services/lifecycle/transaction';"],
    ['src/server/x.ts', "import { createLoaders } from '../loaders/loaders';"],
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
