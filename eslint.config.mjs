// TypeScript is parsed by Babel here: typescript-eslint does not support TypeScript 7 yet, and the
// rules below need syntax, not types (tsc checks types).
import babelParser from '@babel/eslint-parser';

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
    // The engine is pure: no GraphQL, no ORM, no I/O, no clock (STYLE.md).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN.map((group) => ({ group: [group], message: 'src/engine is pure: no GraphQL, ORM, loaders or I/O' })) }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine takes today as an argument' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The engine takes today as an argument' },
        { selector: "MemberExpression[object.name='process']", message: 'The engine reads no environment' }],
    },
  },
  {
    // Resolvers never touch repositories: they call services and loaders.
    files: ['resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'typeorm', message: 'Resolvers call services and loaders, not the ORM' }] }],
    },
  },
];
