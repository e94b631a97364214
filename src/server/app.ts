import type { AddressInfo } from 'node:net';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { authenticate } from '../auth/authenticate';
import { partnerScope } from '../auth/viewer';
import { boundDatabaseWaits, Database, migrate, openDatabase } from '../db/data-source';
import { seedDemoData } from '../demo/seed';
import { createLoaders } from '../loaders/loaders';
import { Services } from '../services/services';
import { runMaintenance } from '../services/lifecycle/maintenance';
import { asOf } from '../services/business-date';
import { createApollo } from './apollo';
import type { Config } from './config';
import { createHttpServer } from './http';
import { refuseDemoKeys } from './production-checks';
import { databaseAnswers } from './readiness';
import { createThrottle } from './limits/redis-throttle';
import { createLogger, Logger } from './logger';
import { instrumentGateway } from './metrics/instrument-gateway';
import { metricsPlugin } from './metrics/metrics-plugin';
import { startMetricsServer } from './metrics/metrics-server';
import { requestSpan, startTracing, traceQueries, tracingPlugin } from './tracing';
import { buildTenorSchema } from './schema';

export interface Gateway {
  url: string;
  /** GET /metrics on METRICS_PORT. */
  metricsUrl: string;
  db: Database;
  logger: Logger;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Sees every SQL statement (tests and the benchmark count them). */
  sqlLogger?: TypeOrmLogger;
  /** The server clock; default TENOR_NOW or the system clock. Tests move it. */
  clock?: () => Date;
  /** How often maintenance (status sweep, idempotency purge) runs; 0 turns the timer off (tests). */
  statusSweepMs?: number;
  /** The clock throttle buckets refill by, in ms; default the system clock. Tests move it. */
  throttleClockMs?: () => number;
  /** Where log lines go; default a pino logger on stdout at config.logLevel. */
  logger?: Logger;
  /** Receives the spans (tests); tracing is then on whatever OTEL_EXPORTER_OTLP_ENDPOINT says. */
  traceExporter?: SpanExporter;
}

const DEFAULT_STATUS_SWEEP_MS = 60_000;
const SHUTDOWN_POLL_MS = 50;
/** In-flight requests get this long to finish on SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Waits for `idle`, but not past `deadlineMs` (epoch ms). */
async function untilIdleOr(idle: Promise<void>, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadlineMs - Date.now()));
  });
  await Promise.race([idle, late]);
  clearTimeout(timer);
}

/** Opens the database, migrates, seeds an empty one outside production, and serves HTTP. */
export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, { logger: options.sqlLogger, poolSize: config.databasePoolSize });
  await migrate(db);
  if (config.isProduction) await refuseDemoKeys(db).catch(async (error: unknown) => {
    await db.dataSource.destroy();
    throw error;
  });

  const clock = options.clock ?? (() => config.fixedNow ?? new Date());
  if (config.seedDemoData) await seedDemoData(db, clock(), config);
  const metrics = instrumentGateway(db);
  const tracing = await startTracing(config.otelExporterEndpoint, options.traceExporter);
  if (tracing) traceQueries(db, tracing.tracer);
  await metrics.timeMaintenance(() => runMaintenance(db, clock(), config));
  boundDatabaseWaits(db, config.faults.database,
    (error) => logger.warn({ err: error }, 'could not set the session timeouts of a database connection'));
  const sweepMs = options.statusSweepMs ?? DEFAULT_STATUS_SWEEP_MS;
  let maintenance: Promise<void> = Promise.resolve();
  const sweeper = sweepMs > 0 ? setInterval(() => {
    maintenance = maintenance.then(() => metrics.timeMaintenance(() => runMaintenance(db, clock(), config)))
      .catch((error: unknown) => logger.error({ err: error }, 'maintenance failed'));
  }, sweepMs).unref() : null;

  const services = new Services(db, config.isProduction ? 'live' : 'test', config, {
    planWriteQueue: config.faults.planWriteQueue, countCap: config.limits.totalCountCap,
  });
  const throttle = await createThrottle(config.limits.throttle, {
    clockMs: options.throttleClockMs ?? Date.now, logger, commandTimeoutMs: config.faults.redisCommandTimeoutMs,
    onStoreError: () => metrics.dependencyErrors.labels('redis').inc(),
  });
  const observers = [metricsPlugin(), ...(tracing ? [tracingPlugin(tracing.tracer, metrics.knownOperations)] : [])];
  const apollo = createApollo(await buildTenorSchema(), {
    isProduction: config.isProduction, logger, limits: config.limits, throttle, maxCompiledOperations: config.maxCompiledOperations,
    faults: config.faults, observers,
  });
  await apollo.start();

  const { server, whenIdle } = createHttpServer({
    apollo,
    logger,
    documentLimits: config.limits.document,
    throttle,
    corsOrigins: config.corsOrigins,
    observeRequest: (path, status, report, startedNs) => metrics.observeRequest(path, status, report, startedNs),
    withRequestSpan: tracing ? requestSpan(tracing.tracer) : undefined,
    isReady: () => databaseAnswers(db, config.faults.readinessTimeoutMs),
    faults: config.faults,
    authenticate: (authorization) => authenticate(db.dataSource, authorization, {
      refuseDemoKeys: config.isProduction,
      recordUse: { now: clock(), onError: (error) => logger.warn({ err: error }, 'could not record API key use') },
    }),
    buildContext: (viewer, report) => ({
      viewer, loaders: createLoaders(db.dataSource, partnerScope(viewer), config.limits.totalCountCap), services, requestId: report.requestId,
      ...asOf(clock(), config.timeZone), report,
    }),
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const { port } = server.address() as AddressInfo;
  const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort);

  return {
    url: `http://localhost:${port}/graphql`,
    metricsUrl: `http://localhost:${metricsServer.port}/metrics`,
    db,
    logger,
    async close() {
      if (sweeper) clearInterval(sweeper);
      // Stop accepting, let in-flight requests finish, then release the database. Keep-alive
      // connections are closed as soon as they go idle (a client may still send on one until then,
      // and is served: the database is released only after the last connection has closed).
      const graceEnds = Date.now() + SHUTDOWN_GRACE_MS;
      await new Promise<void>((resolve) => {
        const reaper = setInterval(() => server.closeIdleConnections(), SHUTDOWN_POLL_MS);
        const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearInterval(reaper);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      // Requests whose clients went away are still running, and so may a maintenance sweep; they
      // need the database to finish.
      await untilIdleOr(Promise.all([whenIdle(), maintenance]).then(() => undefined), graceEnds);
      await apollo.stop();
      await metricsServer.close();
      await tracing?.shutdown();
      await throttle.close();
      await db.dataSource.destroy();
    },
  };
}
