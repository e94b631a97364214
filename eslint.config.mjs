// TypeScript is parsed by Babel here: typescript-eslint does not support TypeScript 7 yet, and the
// rules below need syntax, not types (tsc checks types).
import babelParser from '@babel/eslint-parser';

/**
 * Only the repository layer (src/db) writes SQL: the layers above it reach the database through its
 * repositories, never through TypeORM (repositories, query builders, managers, raw query()), a driver,
 * the statement runner behind the repositories, or a data source (`db.dataSource.query(...)`).
 */
const SQL_OUTSIDE_REPOSITORIES = ['typeorm', 'typeorm/*', 'mysql2', 'mysql2/*', 'better-sqlite3', '**/db/sql'];
const SQL_MESSAGE = 'Only the repository layer writes SQL: call a repository of src/db (src/db/repositories.ts)';
const DATA_SOURCE_ACCESS = { selector: "MemberExpression[property.name='dataSource']", message: SQL_MESSAGE };

const ENGINE_FORBIDDEN = ['graphql', 'graphql/*', 'type-graphql', 'typeorm', 'typeorm/*', 'dataloader', 'mysql2', 'better-sqlite3', 'node:*', 'fs', 'http'];

export default [
  { ignores: ['node_modules/**', 'dist/**', 'schema/generated/**', 'coverage/**', 'data/**'] },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: {
          babelrc: false,
          configFile: false,
          presets: [['@babel/preset-typescript', { allowDeclareFields: true }]],
          plugins: [['@babel/plugin-syntax-decorators', { legacy: true }]],
        },
      },
    },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
    },
  },
  {
    // The engine is pure: no GraphQL, no ORM, no I/O, no clock.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN.map((group) => ({ group: [group], message: 'src/engine is pure: no GraphQL, ORM, loaders or I/O' })) }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine takes today as an argument' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The engine takes today as an argument' },
        { selector: "MemberExpression[object.name='process']", message: 'The engine reads no environment' }],
    },
  },
  // The layer arrows (docs/architecture.md): resolvers -> services -> engine; services -> entities; loaders -> entities;
  // server -> resolvers. Each layer lists the layers above it, which it may not import.
  layer(['resolvers/**/*.ts'], 'Resolvers call services and loaders, not the ORM or the database',
    ['typeorm', 'typeorm/*', '**/src/db/*', '**/src/db/**', '!**/src/db/page', '**/src/server/*', '**/src/server/**', '**/src/demo/*']),
  layer(['src/services/**/*.ts'], 'Services may not depend on loaders, resolvers, the server or the demo seed',
    ['**/loaders/*', '**/resolvers/**', '**/server/*', '**/server/**', '**/demo/*'], SQL_OUTSIDE_REPOSITORIES),
  layer(['src/loaders/**/*.ts'], 'Loaders read entities through src/db; they know no services, resolvers or server',
    ['**/services/*', '**/services/**', '**/resolvers/**', '**/server/*', '**/server/**', '**/demo/*'], SQL_OUTSIDE_REPOSITORIES),
  layer(['src/demo/**/*.ts'], 'The demo seed calls services and repositories; nothing above it',
    ['**/loaders/*', '**/resolvers/**', '**/server/*', '**/server/**'], SQL_OUTSIDE_REPOSITORIES),
  layer(['src/db/**/*.ts', 'src/auth/**/*.ts'], 'The database layer is the bottom: it imports entities, never the layers above',
    ['**/services/*', '**/services/**', '**/loaders/*', '**/resolvers/**', '**/server/*', '**/server/**', '**/demo/*']),
  layer(['src/errors/**/*.ts'], 'The error codes sit below every layer (the database layer reads them too): they import none of them',
    ['**/engine/*', '**/db/*', '**/services/*', '**/loaders/*', '**/resolvers/**', '**/server/*', '**/demo/*', '**/entities/*', 'typeorm', 'graphql']),
  layer(['entities/**/*.ts'], 'Entities are tables: they import TypeORM and the engine\'s types only',
    ['**/src/db/*', '**/src/services/**', '**/src/services/*', '**/src/loaders/*', '**/resolvers/**', '**/src/server/**', '**/src/demo/*', 'graphql', 'type-graphql']),
];

/**
 * A no-restricted-imports rule for one layer: `forbidden` are import patterns (gitignore style).
 * `noSql`: also the imports and the data source access that would write SQL outside src/db.
 */
function layer(files, message, forbidden, noSql) {
  const patterns = [{ group: forbidden, message }, ...(noSql ? [{ group: noSql, message: SQL_MESSAGE }] : [])];
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      ...(noSql ? { 'no-restricted-syntax': ['error', DATA_SOURCE_ACCESS] } : {}),
    },
  };
}
