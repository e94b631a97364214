import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';

const ROOT = path.join(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('ERROR_CODES', () => {
  it('holds every code the server and the resolvers raise as a GraphQLError (a code outside it would reach clients as INTERNAL_SERVER_ERROR)', () => {
    const raised = [...sources(path.join(ROOT, 'src/server')), ...sources(path.join(ROOT, 'resolvers'))].flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/extensions: \{[^}]*?\bcode: '([A-Z_]+)'/g)].map((match) => ({ file: path.relative(ROOT, file), code: match[1] })));
    expect(raised.length).toBeGreaterThan(5);
    expect(raised.filter(({ code }) => !Object.hasOwn(ERROR_CODES, code))).toEqual([]);
  });
});
