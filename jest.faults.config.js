// `npm run test:faults`: the slow fault scenarios (test/faults/slow), which own their MariaDB and
// Redis processes, and every timing bound (npm test asserts outcomes, never how long they took).
// One file at a time: they measure latencies, and two would disturb each other.
const project = require('./test/support/jest-project');

module.exports = { ...project, roots: ['<rootDir>/test/faults/slow'], testMatch: ['**/*.test.ts'], maxWorkers: 1, testTimeout: 120000 };
