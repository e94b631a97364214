// What every jest project of this repository shares (jest.config.js, jest.faults.config.js).
// @swc/jest compiles TypeScript with the same .swcrc as the build (legacy decorators + metadata,
// which type-graphql and TypeORM need); ts-jest cannot load TypeScript 7.
const fs = require('node:fs');
const path = require('node:path');

const rootDir = path.resolve(__dirname, '../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(rootDir, '.swcrc'), 'utf8'));

module.exports = {
  rootDir,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline' }] },
  setupFiles: ['reflect-metadata'],
};
