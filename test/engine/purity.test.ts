import * as fs from 'node:fs';
import * as path from 'node:path';

const ENGINE = path.join(__dirname, '../../src/engine');
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](graphql|type-graphql|typeorm|dataloader)(\/[^'"]*)?['"]/, 'imports a framework package'],
  [/require\(\s*['"](graphql|type-graphql|typeorm|dataloader)/, 'requires a framework package'],
  [/new Date\(/, 'reads the clock (new Date()'],
  [/Date\.now\(/, 'reads the clock (Date.now()'],
];

function engineFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? engineFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []);
}

describe('engine purity', () => {
  it('finds the engine sources', () => {
    expect(engineFiles(ENGINE).length).toBeGreaterThan(10);
  });

  it('has no framework import and no clock in any engine file', () => {
    const offences = engineFiles(ENGINE).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, why]) => `${path.relative(ENGINE, file)} ${why}`);
    });
    expect(offences).toEqual([]);
  });
});
