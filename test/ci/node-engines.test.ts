import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/** Every locked package that states the Node versions it runs on, as `name@version` and its range. */
const lockedEngines = Object.entries(lock.packages).flatMap(([where, entry]) => {
  const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
  return where !== '' && range ? [{ name: `${where.replace(/^.*node_modules\//, '')}@${entry.version}`, range }] : [];
});

describe('package.json engines', () => {
  it('admits the Node running the tests (the machines run Node 20)', () => {
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });

  it('promises no Node version a locked package refuses, so npm ci prints no EBADENGINE', () => {
    expect(lockedEngines.length).toBeGreaterThan(100);
    const refusing = lockedEngines.filter(({ range }) => !semver.subset(manifest.engines.node, range));
    expect(refusing).toEqual([]);
  });
});
