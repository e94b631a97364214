import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

/**
 * On Node 20 the first AsyncLocalStorage.run() turns on promise hooks for the whole process, and every
 * promise after it costs about 3x (docs/performance.md). The request path hands its deadline down
 * explicitly instead; only these may use it, neither on the MySQL request path:
 */
const ALLOWED = new Map([
  ['src/db/write-serializer.ts', 'SQLite only: tells a statement inside the open write from one outside it'],
  ['src/server/tracing.ts', 'only with OTEL_EXPORTER_OTLP_ENDPOINT: parent spans follow async work'],
]);

/** An import of async_hooks, or OpenTelemetry's manager built on it (comments may name it freely). */
const USES_ASYNC_CONTEXT = /['"](node:)?async_hooks['"]|AsyncLocalStorageContextManager\(/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('AsyncLocalStorage stays off the request path', () => {
  it('is used only where ALLOWED says why', () => {
    const users = ['src', 'resolvers', 'entities'].flatMap(sources)
      .filter((file) => USES_ASYNC_CONTEXT.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(users.sort()).toEqual([...ALLOWED.keys()].sort());
  });
});
