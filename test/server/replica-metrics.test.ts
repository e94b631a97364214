import { Registry } from 'prom-client';
import { openDatabase } from '../../src/db/data-source';
import { ReadRouting } from '../../src/db/replica';
import { registerReplicaMetrics } from '../../src/server/metrics/replica-metrics';

// With a replica, the gauges are proven against a real one in test/faults/slow/replica.test.ts.
describe(registerReplicaMetrics.name, () => {
  it('registers nothing without a replica', async () => {
    const db = await openDatabase('sqlite::memory:');
    const registry = new Registry();
    registerReplicaMetrics(registry, ReadRouting.primaryOnly(db));
    expect(await registry.getMetricsAsJSON()).toEqual([]);
    await db.dataSource.destroy();
  });
});
