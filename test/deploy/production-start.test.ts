import 'reflect-metadata';
import { ApiKey } from '../../entities';
import { startGateway } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { refuseDemoKeys } from '../../src/server/production-checks';
import { postQuery } from '../support/raw-http';
import { durableDatabaseUrl } from '../support/test-database';

const production = (url: string) => loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent' },
  { allowEmbeddedDatabaseInProduction: true });

describe(refuseDemoKeys.name, () => {
  it('stops a production start on a database seeded with the demo keys, saying why', async () => {
    const url = await durableDatabaseUrl('prod_demo_keys');
    const demo = await startGateway(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, PORT: '0', TENOR_NOW: '2027-03-01T12:00:00Z' }), { statusSweepMs: 0 });
    await demo.close();
    await expect(startGateway(production(url), { statusSweepMs: 0 })).rejects.toThrow(/NODE_ENV=production refuses a database with active demo API keys \(.*"demo test_admin"/);
  });

  it('starts production once the demo keys are revoked: ready, without the Sandbox page, the demo keys refused', async () => {
    const url = await durableDatabaseUrl('prod_revoked_keys');
    const demo = await startGateway(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, PORT: '0', TENOR_NOW: '2027-03-01T12:00:00Z' }), { statusSweepMs: 0 });
    await demo.db.dataSource.createQueryBuilder().update(ApiKey).set({ revokedAt: new Date() }).execute();
    await demo.close();

    const gateway = await startGateway(production(url), { statusSweepMs: 0 });
    try {
      expect((await fetch(new URL('/readyz', gateway.url))).status).toBe(200);
      expect((await postQuery(gateway.url, 'test_admin', '{ viewer { role } }')).status).toBe(401);
      const browser = await fetch(gateway.url, { headers: { accept: 'text/html' } });
      expect({ status: browser.status, html: /html/.test(browser.headers.get('content-type') ?? '') }).toEqual({ status: 401, html: false });
    } finally {
      await gateway.close();
    }
  });
});
