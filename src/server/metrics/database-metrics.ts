import { Gauge } from 'prom-client';
import type { Database } from '../../db/data-source';
import { databaseAnswers } from '../readiness';
import type { GatewayMetrics } from './gateway-metrics';

/** A scrape must not hang on a database that does not answer. */
const PING_TIMEOUT_MS = 2000;

/** Pool gauges, database reachability (checked at each scrape) and SQL timings for one gateway's database. */
export function instrumentDatabase(metrics: GatewayMetrics, db: Database): void {
  db.observers.intercept(async (_sql, run) => {
    const started = process.hrtime.bigint();
    try {
      return await run();
    } finally {
      metrics.dbQueryDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  });
  new Gauge({
    name: 'tenor_db_pool_connections', help: 'Database connections by state (in_use, idle) and callers waiting for one (waiting)',
    labelNames: ['state'], registers: [metrics.registry],
    collect() {
      const stats = db.connections.stats();
      this.labels('in_use').set(stats.inUse);
      this.labels('idle').set(stats.idle);
      this.labels('waiting').set(stats.waiting);
    },
  });
  new Gauge({
    name: 'tenor_db_pool_max_connections', help: 'Largest number of connections the pool opens (DATABASE_POOL_SIZE; 1 on SQLite)',
    registers: [metrics.registry],
    collect() {
      this.set(db.connections.stats().max);
    },
  });
  new Gauge({
    name: 'tenor_dependency_up', help: '1 when the dependency answered a ping at scrape time, else 0',
    labelNames: ['dependency'], registers: [metrics.registry],
    async collect() {
      this.labels('database').set(await databaseAnswers(db, PING_TIMEOUT_MS) ? 1 : 0);
    },
  });
}
