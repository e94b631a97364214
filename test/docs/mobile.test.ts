import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { parse } from 'graphql';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { rawRequest } from '../support/raw-http';
import { fencedBlocks, readDoc } from './examples';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const guide = readDoc('docs/mobile.md');
/** The app's codegen.yml exactly as docs/mobile.md shows it (the yaml block that starts `# codegen.yml`). */
const documentedConfig = fencedBlocks(guide).find((block) => block.lang === 'yaml' && block.text.startsWith('# codegen.yml'))!.text;
/** What the guide tells an ES module project under NodeNext to add under `config`. */
const NODE_NEXT_ESM = { emitLegacyCommonJSImports: false };

type Config = { generates: Record<string, { config: Record<string, unknown>; presetConfig: Record<string, unknown> }> };

/** The documented configuration with `change` applied to each output. */
function documentedWith(change: (output: Config['generates'][string]) => void): string {
  const config = parseYaml(documentedConfig) as Config;
  Object.values(config.generates).forEach(change);
  return stringifyYaml(config);
}

/**
 * An app's folder from nothing: Tenor's committed schema and operations copied in, the documented
 * codegen.yml, and the repository's node_modules linked (nothing is downloaded).
 */
function appFolder(config: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-mobile-'));
  fs.mkdirSync(path.join(dir, 'tenor'));
  fs.mkdirSync(path.join(dir, 'src/operations'), { recursive: true });
  fs.copyFileSync(path.join(root, 'schema/schema.graphql'), path.join(dir, 'tenor/schema.graphql'));
  for (const file of fs.readdirSync(path.join(root, 'schema/operations'))) {
    fs.copyFileSync(path.join(root, 'schema/operations', file), path.join(dir, 'src/operations', file));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'codegen.yml'), config);
  // What an app does with the generated client: money as exact strings, read straight off the
  // ready-made operations (fragmentMasking: false), through an import every resolution accepts.
  fs.writeFileSync(path.join(dir, 'src/app.ts'), [
    "import { MerchantProgramsDocument, type MerchantProgramsQuery } from './gql/graphql.js';",
    'export const document = MerchantProgramsDocument;',
    'export function minimumAmounts(data: MerchantProgramsQuery): string[] {',
    '  return data.merchant?.programs.map((program) => program.minAmount.amount) ?? [];',
    '}',
  ].join('\n'));
  return dir;
}

async function generate(dir: string): Promise<void> {
  await run(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.yml', '--silent'], { cwd: dir });
}

/** tsc's diagnostics for the app under one module setting, or '' when it type-checks. */
async function typeCheck(dir: string, packageType: 'module' | 'commonjs', compilerOptions: Record<string, string>): Promise<string> {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: packageType }));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, ...compilerOptions }, include: ['src'],
  }));
  try {
    await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout || error);
  }
}

const BUNDLER = { module: 'ESNext', moduleResolution: 'Bundler' };
const NODE_NEXT = { module: 'NodeNext', moduleResolution: 'NodeNext' };

describe('docs/mobile.md', () => {
  let app: string;
  let esmApp: string;
  let maskedApp: string;
  const folders: string[] = [];
  beforeAll(async () => {
    app = appFolder(documentedConfig);
    esmApp = appFolder(documentedWith((output) => Object.assign(output.config, NODE_NEXT_ESM)));
    maskedApp = appFolder(documentedWith((output) => delete output.presetConfig.fragmentMasking));
    folders.push(app, esmApp, maskedApp);
    for (const dir of folders) await generate(dir);
  }, 120_000);
  afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('says what the NodeNext setting is and that Tenor\'s own codegen.yml turns fragment masking off', () => {
    expect(guide).toContain('emitLegacyCommonJSImports: false');
    expect(guide).toContain('fragmentMasking: false');
    expect((parseYaml(fs.readFileSync(path.join(root, 'codegen.yml'), 'utf8')) as { generates: Record<string, { presetConfig: { fragmentMasking: boolean } }> })
      .generates['schema/generated/'].presetConfig.fragmentMasking).toBe(false);
  });

  it('reads money off the ready-made operations only with fragment masking off, as Tenor\'s own codegen.yml has it', async () => {
    expect(await typeCheck(maskedApp, 'module', BUNDLER)).toMatch(/Property 'amount' does not exist/);
  }, 60_000);

  it('generates a client that type-checks under moduleResolution Bundler', async () => {
    expect(await typeCheck(app, 'module', BUNDLER)).toBe('');
  }, 60_000);

  it('generates a client that type-checks under NodeNext in a CommonJS project', async () => {
    expect(await typeCheck(app, 'commonjs', NODE_NEXT)).toBe('');
  }, 60_000);

  it('needs emitLegacyCommonJSImports: false under NodeNext in an ES module project, and type-checks with it', async () => {
    expect(await typeCheck(app, 'module', NODE_NEXT)).toMatch(/TS2835/);
    expect(await typeCheck(esmApp, 'module', NODE_NEXT)).toBe('');
  }, 60_000);

  describe('persisted-query hashes', () => {
    let t: TestGateway;
    let documents: Record<string, string>;
    let codegenId: string;
    let codegenText: string;
    beforeAll(async () => {
      t = await startTestGateway('docs_mobile');
      documents = JSON.parse(fs.readFileSync(path.join(app, 'src/gql/persisted-documents.json'), 'utf8')) as Record<string, string>;
      [codegenId, codegenText] = Object.entries(documents).find(([, text]) => /\bquery MerchantPrograms\b/.test(text))!;
    });
    afterAll(() => t?.close());

    const variables = { id: 'TWVyY2hhbnQ6MQ' };
    const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
    const post = (body: unknown) => rawRequest(t.url, { key: KEYS.acme, body: JSON.stringify(body) });

    it('codegen names each document sha256:<hex> of the text it writes to persisted-documents.json', () => {
      expect(codegenId).toBe(`sha256:${sha256(codegenText)}`);
      expect(codegenText).toContain('fragment MoneyFields');
      expect(codegenText).not.toBe(fs.readFileSync(path.join(root, 'schema/operations/reads.graphql'), 'utf8'));
    });

    it('the gateway accepts that id as sha256Hash, with its prefix or without, with the text and then alone', async () => {
      const registered = await post({ query: codegenText, variables, extensions: persisted(codegenId) });
      expect(registered.status).toBe(200);
      expect(registered.body.data).toMatchObject({ merchant: { name: 'Acme Outdoor' } });
      for (const hash of [codegenId, codegenId.slice('sha256:'.length)]) {
        expect((await post({ variables, extensions: persisted(hash) })).body.data).toEqual(registered.body.data);
      }
    });

    it('Apollo Client\'s PersistedQueryLink sends the hex SHA-256 of the document it prints, __typename added: another hash', async () => {
      const sent: Array<{ query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } }> = [];
      const recordingFetch: typeof fetch = async (input, init) => {
        sent.push(JSON.parse(String(init!.body)) as (typeof sent)[number]);
        return fetch(input, init);
      };
      const client = new ApolloClient({
        cache: new InMemoryCache(),
        link: ApolloLink.from([
          new PersistedQueryLink({ sha256 }),
          new HttpLink({ uri: t.url, headers: { authorization: `Bearer ${KEYS.acme}` }, fetch: recordingFetch }),
        ]),
      });
      const { data } = await client.query({ query: parse(codegenText), variables });
      expect(data).toMatchObject({ merchant: { name: 'Acme Outdoor' } });
      const withQuery = sent.find((body) => body.query)!;
      const apolloHash = withQuery.extensions!.persistedQuery!.sha256Hash;
      expect(apolloHash).toBe(sha256(withQuery.query!));
      expect(withQuery.query).toContain('__typename');
      expect(apolloHash).not.toBe(codegenId.slice('sha256:'.length));
      // Mixed, one client's hash with the other's text, is refused.
      const mixed = await post({ query: withQuery.query, variables, extensions: persisted(codegenId) });
      expect({ status: mixed.status, code: mixed.body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' });
    });
  });
});
