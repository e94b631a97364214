// `npm test`: every suite but the slow fault scenarios, in two jest projects (test/support/database-suites.js):
// "database", the suites whose outcome can depend on TEST_DATABASE_URL, and "no-database", the
// others (engine properties, lint and artifact checks, config). Both run by default, on SQLite or,
// with TEST_DATABASE_URL, on MariaDB; CI's MariaDB run selects "database" only (.ci/run).
const path = require('node:path');
const project = require('./test/support/jest-project');
const { splitSuites } = require('./test/support/database-suites');

// The fault scenarios that start, kill and freeze their own MariaDB and Redis: `npm run test:faults`.
const slowFaults = path.join(__dirname, 'test/faults/slow') + path.sep;
const suites = splitSuites(path.join(__dirname, 'test'), (file) => file.startsWith(slowFaults));

module.exports = {
  testTimeout: 60000,
  // One seed template per clock and lending policy for the whole run, copied into each file's database (test/support/seed-template.ts).
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  projects: [
    { ...project, displayName: 'database', testMatch: suites.database },
    { ...project, displayName: 'no-database', testMatch: suites.noDatabase },
  ],
};
