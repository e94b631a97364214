import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Plain CommonJS shared with jest.config.js; required, as jest.config.js does.
const { readsDatabaseSwitch, splitSuites } = require('../support/database-suites') as {
  readsDatabaseSwitch(file: string): boolean;
  splitSuites(folder: string, ignored?: (file: string) => boolean): { database: string[]; noDatabase: string[] };
};
const jestConfig = require('../../jest.config') as { projects: { displayName: string; testMatch: string[] }[] };

const root = path.resolve(__dirname, '../..');
const testFolder = path.join(root, 'test');

function tree(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-database-suites-'));
  for (const [name, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), source);
  }
  return folder;
}

describe('readsDatabaseSwitch', () => {
  it('finds the switch through the harness at any depth, so an API suite is a database suite', () => {
    expect(readsDatabaseSwitch(path.join(testFolder, 'api/read.test.ts'))).toBe(true);
    expect(readsDatabaseSwitch(path.join(testFolder, 'support/gateway.ts'))).toBe(true);
  });

  it('leaves a suite that never reaches TEST_DATABASE_URL out of the MariaDB run', () => {
    expect(readsDatabaseSwitch(path.join(testFolder, 'engine/money.test.ts'))).toBe(false);
    expect(readsDatabaseSwitch(path.join(testFolder, 'lint/layer-arrows.test.ts'))).toBe(false);
  });

  it('follows imports around a cycle: b reaches the switch through a, whichever is visited first', () => {
    const folder = tree({
      'a.ts': "import { b } from './b';\nimport { c } from './sub/c';\n",
      'b.test.ts': "import { a } from './a';\n",
      'sub/c.ts': 'export const c = process.env.TEST_DATABASE_URL;\n',
      'd.test.ts': "import x from './missing';\nimport fs from 'node:fs';\n",
    });
    expect(readsDatabaseSwitch(path.join(folder, 'b.test.ts'))).toBe(true);
    expect(readsDatabaseSwitch(path.join(folder, 'a.ts'))).toBe(true);
    expect(readsDatabaseSwitch(path.join(folder, 'd.test.ts'))).toBe(false);
  });
});

describe('jest.config.js projects', () => {
  it('put every suite of npm test in exactly one project, and the slow fault scenarios in none', () => {
    const slow = path.join(testFolder, 'faults/slow') + path.sep;
    const all = fs.readdirSync(testFolder, { recursive: true }).map(String).map((entry) => path.join(testFolder, entry))
      .filter((file) => file.endsWith('.test.ts') && !file.startsWith(slow)).sort();
    const byProject = Object.fromEntries(jestConfig.projects.map((p) => [p.displayName, p.testMatch]));
    expect(Object.keys(byProject).sort()).toEqual(['database', 'no-database']);
    expect([...byProject.database, ...byProject['no-database']].sort()).toEqual(all);
    expect(byProject.database).toEqual(splitSuites(testFolder, (file) => file.startsWith(slow)).database);
    expect(byProject.database).toContain(path.join(testFolder, 'api/lifecycle.test.ts'));
    expect(byProject['no-database']).toContain(path.join(testFolder, 'engine/ledger.test.ts'));
  });
});
