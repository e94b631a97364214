// `npm run test:faults`: the slow fault scenarios (test/faults/slow), which own their MariaDB and
// Redis processes. One file at a time: they measure latencies, and two would disturb each other.
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/faults/slow'], testPathIgnorePatterns: ['/node_modules/'], maxWorkers: 1, testTimeout: 120000 };
