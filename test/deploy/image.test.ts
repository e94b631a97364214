import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/server/config';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; dependencies: Record<string, string> };

/** Dockerfile instructions, continuation lines joined, comments dropped. */
const instructions = read('docker/Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const stages = instructions.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)!.push(line), all)), []);
const runtime = stages.at(-1)!;
/** What the build context sends: sources copied from the host, not from another stage. */
const copiedFromContext = instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
  .flatMap((l) => l.split(/\s+/).slice(1, -1).filter((part) => !part.startsWith('--')));

const ignorePatterns = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
function ignored(file: string): boolean {
  return ignorePatterns.some((pattern) => {
    if (!pattern.includes('*')) return file === pattern || file.startsWith(`${pattern}/`);
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    return regex.test(file) || regex.test(path.basename(file));
  });
}

describe('docker/Dockerfile', () => {
  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    expect(copiedFromContext.length).toBeGreaterThan(3);
    for (const source of copiedFromContext) {
      expect([source, fs.existsSync(path.join(root, source))]).toEqual([source, true]);
      expect([source, ignored(source)]).toEqual([source, false]);
    }
  });

  it('builds on the Node major version of package.json engines in every stage', () => {
    const major = pkg.engines.node.match(/\d+/)![0];
    const bases = stages.map((stage) => stage[0].split(/\s+/)[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(new RegExp(`^node:${major}[.-]`));
  });

  it('installs with npm ci, builds, and prunes the dev dependencies before the runtime stage copies node_modules', () => {
    const build = stages[0].join('\n');
    expect(build).toMatch(/RUN npm ci/);
    expect(build).toMatch(/npm run build && npm prune --omit=dev/);
    expect(runtime.join('\n')).toMatch(/COPY --from=build \/app\/node_modules/);
    expect(runtime.join('\n')).not.toMatch(/RUN npm/);
  });

  it('runs as a non-root user, in production, with a HEALTHCHECK on /readyz', () => {
    const user = runtime.find((l) => l.startsWith('USER '))!.split(/\s+/)[1];
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.join('\n')).toMatch(/NODE_ENV=production/);
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/\/readyz/);
    expect(runtime.find((l) => l.startsWith('ENTRYPOINT '))).toContain('dist/src/server/main.js');
  });
});

describe('.dockerignore', () => {
  it.each(['node_modules', 'data', '.git', 'dist', 'coverage', 'bench/results', 'data/tenor.sqlite', 'debug.log'])('keeps %s out of the image', (file) => {
    expect(ignored(file)).toBe(true);
  });
});

describe('a build from a clean tree', () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-image-'));
  beforeAll(() => {
    for (const source of copiedFromContext) fs.cpSync(path.join(root, source), path.join(tree, source), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: tree, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('produces the entry point from exactly what the image copies', () => {
    expect(fs.existsSync(path.join(tree, 'dist/src/server/main.js'))).toBe(true);
  });

  it('needs no dev dependency at run time (npm prune --omit=dev leaves what it requires)', () => {
    const required = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.js')) {
          for (const [, name] of fs.readFileSync(full, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
            required.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
          }
        }
      }
    };
    for (const dir of ['src', 'resolvers', 'entities']) walk(path.join(tree, 'dist', dir));
    const builtin = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const missing = [...required].filter((name) => !builtin.has(name) && !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });
});

describe('docker/compose.yml', () => {
  const compose = parse(read('docker/compose.yml'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string>; volumes?: string[]; image?: string }> };
  const tenor = Object.entries(compose.services).filter(([, s]) => s.image === 'tenor:local');
  const byRole = (role: string) => tenor.filter(([, s]) => s.command?.[0] === role).map(([name]) => name);

  it('runs migrate once, two serve and one worker, beside MariaDB with a volume, Redis and Prometheus', () => {
    expect(byRole('migrate')).toHaveLength(1);
    expect(byRole('serve')).toHaveLength(2);
    expect(byRole('worker')).toHaveLength(1);
    expect(compose.services.db.volumes![0]).toMatch(/:\/var\/lib\/mysql$/);
    expect(compose.services.redis).toBeDefined();
    expect(compose.services.prometheus).toBeDefined();
  });

  it('runs every Tenor process in production, with only variables the configuration reads', () => {
    expect(tenor).toHaveLength(4);
    for (const [, service] of tenor) {
      expect(service.environment!.NODE_ENV).toBe('production');
      expect(service.environment!.DATABASE_URL).toMatch(/^mysql:\/\//);
      for (const name of Object.keys(service.environment!)) expect(CONFIG_VARIABLES).toContain(name);
    }
  });

  it('has Prometheus scrape every serve and the worker on the metrics port', () => {
    const prometheus = parse(read('docker/prometheus/prometheus.yml')) as { scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }> };
    const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets)).sort();
    const metricsPort = tenor[0][1].environment!.METRICS_PORT;
    expect(targets).toEqual([...byRole('serve'), ...byRole('worker')].map((name) => `${name}:${metricsPort}`).sort());
  });
});
