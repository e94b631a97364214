// Compiles TypeScript with swc (legacy decorators + metadata for type-graphql and TypeORM); tsc
// only type-checks (npm run typecheck). `--if-needed` skips the build when dist is newer than
// every source file, so `npm start` is quick after the first time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// test/support: the drill (bench/rolling-restart) reuses the books check of the test suite.
const SOURCES = ['src', 'resolvers', 'entities', 'bench', 'scripts', 'test/support'];
const marker = path.join(root, 'dist', '.built');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const existing = SOURCES.filter((dir) => fs.existsSync(path.join(root, dir)));
if (process.argv.includes('--if-needed') && fs.existsSync(marker)) {
  const built = fs.statSync(marker).mtimeMs;
  if (existing.every((dir) => newestSource(path.join(root, dir)) < built)) process.exit(0);
}
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(path.join(root, 'node_modules/.bin/swc'), [...existing, '-d', 'dist', '--copy-files', '--quiet'], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(marker, new Date().toISOString());
