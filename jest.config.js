// @swc/jest compiles TypeScript with the same .swcrc as the build (legacy decorators + metadata,
// which type-graphql and TypeORM need); ts-jest cannot load TypeScript 7.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The fault scenarios that start, kill and freeze their own MariaDB and Redis: `npm run test:faults`.
  testPathIgnorePatterns: ['/node_modules/', '/test/faults/slow/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline' }] },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
