import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { ApiKey, Partner } from '../../entities';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key-hash';
import type { Gateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { startConfiguredGateway } from '../support/configured-gateway';
import { KEYS } from '../support/gateway';
import { firstCode, postQuery } from '../support/raw-http';

const logLines: string[] = [];
const logs = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
let gateway: Gateway;
const keys = { partner: generateApiKey('live'), analyst: generateApiKey('live'), admin: generateApiKey('live') };

/** Production seeds nothing: one partner and a key per role, stored as the admin API would. */
async function addKeys(): Promise<void> {
  const m = gateway.db.dataSource.manager;
  const partner = await m.getRepository(Partner).save({ name: 'Prod Partner', createdAt: new Date() });
  const add = (plainKey: string, role: ApiKey['role'], partnerId: number | null) => m.getRepository(ApiKey).insert({
    partnerId, role, name: role, displayPrefix: plainKey.slice(0, 13), keyHash: hashApiKey(plainKey), createdAt: new Date(), lastUsedAt: null, revokedAt: null,
  });
  await add(keys.partner, 'PARTNER', partner.id);
  await add(keys.analyst, 'ANALYST', null);
  await add(keys.admin, 'ADMIN', null);
}

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => logLines.push(line) });
  ({ gateway } = await startConfiguredGateway('production', { NODE_ENV: 'production' }, { logger }));
  await addKeys();
});
afterAll(() => gateway.close());

describe('production mode', () => {
  it.each(Object.values(KEYS))('refuses the demo key %s with 401', async (demoKey) => {
    const response = await postQuery(gateway.url, demoKey, '{ viewer { role } }');
    expect(response.status).toBe(401);
    expect(firstCode(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses introspection to a partner key with 403 FORBIDDEN', async () => {
    for (const query of [getIntrospectionQuery(), '{ __type(name: "Plan") { name } }']) {
      const response = await postQuery(gateway.url, keys.partner, query);
      expect(response.status).toBe(403);
      expect(firstCode(response)).toBe('FORBIDDEN');
      expect(response.body.data).toBeUndefined();
    }
  });

  it('points a refused partner at the published schema and the partner guide, both in the repository', async () => {
    const { message } = (await postQuery(gateway.url, keys.partner, getIntrospectionQuery())).body.errors![0];
    expect(message).toContain('schema/schema.graphql');
    expect(message).toContain('docs/api.md');
    for (const file of ['schema/schema.graphql', 'docs/api.md']) expect(fs.existsSync(path.join(__dirname, '../..', file))).toBe(true);
  });

  it('answers introspection for ANALYST and ADMIN keys', async () => {
    for (const key of [keys.analyst, keys.admin]) {
      const response = await postQuery(gateway.url, key, getIntrospectionQuery());
      expect(response.status).toBe(200);
      expect((response.body.data!.__schema as { types: unknown[] }).types.length).toBeGreaterThan(20);
    }
  });

  it('masks a driver error as INTERNAL_SERVER_ERROR with a request id, and logs it in full under that id', async () => {
    const m = gateway.db.dataSource.manager;
    await m.query('ALTER TABLE merchants RENAME TO merchants_hidden');
    let response;
    try {
      response = await postQuery(gateway.url, keys.partner, '{ merchants(first: 5) { totalCount nodes { id } } }');
    } finally {
      await m.query('ALTER TABLE merchants_hidden RENAME TO merchants');
    }
    const [error] = response.body.errors!;
    const requestId = response.headers.get('x-request-id');
    expect(error).toMatchObject({ message: `Internal server error (request ${requestId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    expect(Object.keys(error.extensions!)).toEqual(['code', 'requestId']);
    expect(Object.keys(error).filter((k) => !['message', 'path', 'locations', 'extensions'].includes(k))).toEqual([]);
    expect(response.text).not.toMatch(/no such table|doesn't exist|merchants_hidden|SQLITE|\bER_|stack|\.ts:/i);
    const logged = logs().find((l) => l.msg === 'unexpected error' && l.requestId === requestId);
    expect(JSON.stringify(logged)).toMatch(/merchants/);
  });

  it('logs the first unexpected error of a request in full and counts the others in one line', async () => {
    const m = gateway.db.dataSource.manager;
    await m.query('ALTER TABLE merchants RENAME TO merchants_hidden');
    let response;
    try {
      // merchant(id:) is nullable: each of the three fails on its own (one batched statement, three errors).
      const id = (n: number) => Buffer.from(`Merchant:${n}`).toString('base64url');
      response = await postQuery(gateway.url, keys.partner, `{ a: merchant(id: "${id(1)}") { id } b: merchant(id: "${id(2)}") { id } c: merchant(id: "${id(3)}") { id } }`);
    } finally {
      await m.query('ALTER TABLE merchants_hidden RENAME TO merchants');
    }
    const requestId = response.headers.get('x-request-id');
    expect(response.body.errors!.map((e) => e.extensions!.code)).toEqual(['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);
    const lines = logs().filter((l) => l.requestId === requestId && l.level === 50);
    expect(lines.map((l) => [l.msg, l.count])).toEqual([
      ['unexpected error', undefined],
      ['2 more unexpected errors in this request (the first is logged above)', 3],
    ]);
  });

  it('writes one request line with id, operation, partner, cost, duration and outcome, and never a key', async () => {
    await postQuery(gateway.url, keys.partner, 'query Who { viewer { role } }');
    const line = logs().filter((l) => l.msg === 'request').at(-1)!;
    expect(line).toMatchObject({
      requestId: expect.any(String), operationName: 'Who', role: 'PARTNER', partnerId: expect.any(Number), status: 200,
      cost: { requested: 1, actual: 1 }, durationMs: expect.any(Number), outcome: 'ok',
    });
    const everything = logLines.join('\n');
    for (const key of Object.values(keys)) expect(everything).not.toContain(key);
  });

  it('records lastUsedAt without a write per request, and a revoked key fails on its next request', async () => {
    const issued = await postQuery(gateway.url, keys.admin,
      'mutation { issueApiKey(input: { name: "short-lived", role: ANALYST, idempotencyKey: "prod-1" }) { apiKey { id } plainKey userErrors { code } } }');
    const { apiKey, plainKey } = issued.body.data!.issueApiKey as { apiKey: { id: string }; plainKey: string };
    expect(plainKey).toMatch(/^tnr_live_[A-Za-z0-9_-]{32}$/);
    for (let i = 0; i < 3; i++) expect((await postQuery(gateway.url, plainKey, '{ viewer { role } }')).status).toBe(200);
    const stored = await gateway.db.dataSource.getRepository(ApiKey).findOneByOrFail({ keyHash: hashApiKey(plainKey) });
    expect(stored.lastUsedAt).not.toBeNull();

    await postQuery(gateway.url, keys.admin, `mutation { revokeApiKey(input: { apiKeyId: "${apiKey.id}" }) { userErrors { code } } }`);
    const refused = await postQuery(gateway.url, plainKey, '{ viewer { role } }');
    expect(refused.status).toBe(401);
    expect(firstCode(refused)).toBe('UNAUTHENTICATED');
  });
});
