import { closeDatabase, openDatabase } from '../db/data-source';
import { migrateUnderLock } from '../db/migration-lock';
import { backfillCounters, boundWaits, openForRole } from './app';
import type { Config } from './config';
import type { Logger } from './logger';
import { instrumentGateway } from './metrics/instrument-gateway';
import { startMetricsServer } from './metrics/metrics-server';
import { startWorker } from './worker';
import { CommandRunner } from '../services/lifecycle/command-runner';

/** A running role: stop() resolves true when it ended cleanly within its grace. */
export interface RunningRole {
  stop(): Promise<boolean>;
}

/** `migrate`: applies what is pending under the migration lock and ends. Safe to run twice or at once. */
export async function runMigrate(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    const applied = await migrateUnderLock(db);
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'the database is up to date');
    await backfillCounters(db, config, logger);
  } finally {
    await closeDatabase(db);
  }
}

/**
 * `worker`: the maintenance sweep under a lease (see worker.ts), until stopped. It serves its own
 * /metrics on METRICS_PORT: the maintenance freshness alerts read this process's figures.
 */
export async function runWorker(config: Config, logger: Logger): Promise<RunningRole> {
  const db = await openForRole({ ...config, databasePoolSize: Math.min(config.databasePoolSize, 2) }, 'worker');
  boundWaits(db, config, logger);
  const runner = new CommandRunner(db);
  const metrics = instrumentGateway(db, runner);
  const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort);
  const worker = startWorker(runner, config.worker, {
    clock: () => config.fixedNow ?? new Date(), logger, policy: config, timeMaintenance: (run) => metrics.timeMaintenance(run),
    countDrift: (plans) => metrics.planStatusCountDrift.inc(plans),
  });
  logger.info({ holder: worker.holder, intervalMs: config.worker.intervalMs, leaseMs: config.worker.leaseMs }, 'worker started');
  return {
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), config.shutdown.graceMs);
      });
      const done = (async () => {
        await worker.stop();
        await metricsServer.close();
        await closeDatabase(db);
        return true;
      })();
      const clean = await Promise.race([done, late]);
      clearTimeout(timer);
      return clean;
    },
  };
}
