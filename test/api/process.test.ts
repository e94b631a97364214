import { buildOnce, startRole } from '../support/role-process';
import { durableDatabaseUrl } from '../support/test-database';

describe('the gateway process', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    buildOnce();
    databaseUrl = await durableDatabaseUrl('process');
  });

  it('migrates, seeds, serves, and exits 0 on SIGTERM', async () => {
    const gateway = startRole('all-in-one', { DATABASE_URL: databaseUrl, PORT: '0' });
    const response = await fetch(await gateway.serving(), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test_analyst' },
      body: JSON.stringify({ query: '{ merchants(first: 100) { totalCount } }' }),
    });
    expect(((await response.json()) as { data: { merchants: { totalCount: number } } }).data.merchants.totalCount).toBe(5);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  });

  it('refuses TENOR_NOW in production with a clear message and exit code 1', async () => {
    const gateway = startRole('all-in-one', { NODE_ENV: 'production', TENOR_NOW: '2027-01-01T00:00:00Z', DATABASE_URL: 'sqlite::memory:', PORT: '0' });
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toMatch(/TENOR_NOW .* refused when NODE_ENV=production/);
  });

  it('refuses production without a MySQL DATABASE_URL, naming the setting, with exit code 1', async () => {
    const gateway = startRole('all-in-one', { NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:', PORT: '0' });
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toMatch(/DATABASE_URL must be mysql:\/\/… when NODE_ENV=production/);
  });
});
