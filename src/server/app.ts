import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { authenticate } from '../auth/authenticate';
import { boundDatabaseWaits, closeDatabase, Database, openDatabase } from '../db/data-source';
import type { SqlLogger } from '../db/sql/statement-runner';
import { migrateUnderLock, MigrationsPendingError, pendingMigrations } from '../db/migration-lock';
import { logReplicaChanges, openReadRouting, ReadRouting } from '../db/replica';
import { seedDemoData } from '../demo/seed';
import { Services } from '../services/services';
import { runMaintenance } from '../services/lifecycle/maintenance';
import { backfillPlanStatusCounts } from '../services/plan-counts/reconcile';
import { CommandRunner } from '../services/lifecycle/command-runner';
import { asOf } from '../engine';
import { apolloPlugins, createApollo } from './apollo';
import type { Config } from './config';
import { createHttpServer } from './http';
import { PersistedQueryStore } from './http/persisted-query-store';
import { registerReplicaMetrics } from './metrics/replica-metrics';
import { createThrottle } from './limits/redis-throttle';
import { createLogger, Logger } from './logger';
import { instrumentGateway } from './metrics/instrument-gateway';
import { metricsPlugin } from './metrics/metrics-plugin';
import { startMetricsServer } from './metrics/metrics-server';
import { refuseDemoKeys } from './production-checks';
import { databaseAnswers } from './readiness';
import { requestContext } from './request-context';
import { buildTenorSchema } from './schema';
import { drainHttpServer, DrainOptions } from './shutdown';
import { requestSpan, startTracing, traceQueries, tracingPlugin } from './tracing';
import { startWorker, Worker } from './worker';

export interface Gateway {
  url: string;
  /** GET /metrics on METRICS_PORT. */
  metricsUrl: string;
  db: Database;
  /** Every write of this gateway goes through it; its listeners are the business metrics. */
  runner: CommandRunner;
  /** Which database answers whose reads (the read replica and its health, if configured). */
  reads: ReadRouting;
  logger: Logger;
  /** Drains (see shutdown.ts) and releases everything; resolves true when every request finished within the grace. */
  shutdown(): Promise<boolean>;
  /** The same, for an owner whose clients are done (tests, scripts): idle keep-alive connections are closed at once. */
  close(): Promise<void>;
}

/**
 * `all-in-one` (npm start, and the tests): migrates, seeds an empty database outside production,
 * sweeps, and serves. `serve`: HTTP only, on a database `migrate` has already brought up to date.
 */
export type GatewayRole = 'all-in-one' | 'serve';

export interface GatewayOptions {
  role?: GatewayRole;
  /** Sees every SQL statement (tests and the benchmark count them). */
  sqlLogger?: SqlLogger;
  /** The server clock; default TENOR_NOW or the system clock. Tests move it. */
  clock?: () => Date;
  /** all-in-one: how often the built-in worker sweeps; default MAINTENANCE_INTERVAL_SECONDS; 0 turns it off (tests). */
  statusSweepMs?: number;
  /** The clock throttle buckets refill by, in ms; default the system clock. Tests move it. */
  throttleClockMs?: () => number;
  /** Where log lines go; default a pino logger on stdout at config.logLevel. */
  logger?: Logger;
  /** Receives the spans (tests); tracing is then on whatever OTEL_EXPORTER_OTLP_ENDPOINT says. */
  traceExporter?: SpanExporter;
  /** How often the read replica is checked and how long a check may take; default 5 s and 2 s. */
  replicaCheck?: { intervalMs?: number; timeoutMs?: number };
}

/** Opens the database and gets it ready for the role: up to date (or refused), production-safe, seeded when asked. */
export async function openForRole(config: Config, role: GatewayRole | 'worker', sqlLogger?: SqlLogger): Promise<Database> {
  const db = await openDatabase(config.databaseUrl, { logger: sqlLogger, poolSize: config.databasePoolSize });
  try {
    if (role === 'all-in-one') {
      await migrateUnderLock(db);
      await backfillCounters(db, config, null);
    } else {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) throw new MigrationsPendingError(pending);
    }
    if (config.isProduction) await refuseDemoKeys(db);
    return db;
  } catch (error) {
    await closeDatabase(db);
    throw error;
  }
}

/**
 * After the migrations (the migrate role, the all-in-one start): every merchant's plan status
 * counters reconciled once, if they never were, so that plans' totalCount may read them; a serve or
 * worker on a database where this did not complete counts plans from the plans (bounded) meanwhile.
 */
export async function backfillCounters(db: Database, config: Config, logger: Logger | null): Promise<void> {
  const done = await backfillPlanStatusCounts(new CommandRunner(db), config.fixedNow ?? new Date());
  if (done) logger?.info(done, 'plan status counters reconciled for every merchant');
}

/** Session timeouts for every connection from here on: after migrations and the seed, whose DDL must not be cut. */
export function boundWaits(db: Database, config: Config, logger: Logger): void {
  boundDatabaseWaits(db, config.faults.database,
    (error) => logger.warn({ err: error }, 'could not set the session timeouts of a database connection'));
}

export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const role = options.role ?? 'all-in-one';
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openForRole(config, role, options.sqlLogger);
  const clock = options.clock ?? (() => config.fixedNow ?? new Date());
  const runner = new CommandRunner(db, { planWriteQueue: config.faults.planWriteQueue });
  const metrics = instrumentGateway(db, runner);
  const tracing = await startTracing(config.otelExporterEndpoint, options.traceExporter);
  if (tracing) traceQueries(db, tracing.tracer);

  let worker: Worker | null = null;
  if (role === 'all-in-one') {
    if (config.seedDemoData) await seedDemoData(db, clock(), config);
    // The developer default starts with statuses up to date; a separate serve leaves this to the worker.
    await metrics.timeMaintenance(() => runMaintenance(runner, clock(), config));
  }
  // Known before the first request, so no request pays for asking whether plans' counters are exact.
  await db.repositories.planCounts.exact();
  boundWaits(db, config, logger);
  const intervalMs = options.statusSweepMs ?? config.worker.intervalMs;
  if (role === 'all-in-one' && intervalMs > 0) {
    worker = startWorker(runner, { ...config.worker, intervalMs }, {
      clock, logger, policy: config, timeMaintenance: (run) => metrics.timeMaintenance(run), countDrift: (plans) => metrics.planStatusCountDrift.inc(plans),
    });
  }

  const reads = openReadRouting(db, {
    url: config.databaseReplicaUrl, maxLagSeconds: config.replicaMaxLagSeconds, poolSize: config.databasePoolSize, clock,
    checkIntervalMs: options.replicaCheck?.intervalMs, timeoutMs: options.replicaCheck?.timeoutMs, sqlLogger: options.sqlLogger,
    onOpen: (replica) => boundDatabaseWaits(replica, config.faults.database,
      (error) => logger.warn({ err: error }, 'could not set the session timeouts of a replica connection')),
  });
  logReplicaChanges(reads, logger);
  registerReplicaMetrics(metrics.registry, reads);
  await reads.start();
  const services = new Services(runner, config.isProduction ? 'live' : 'test', config, reads, { countCap: config.limits.totalCountCap });
  const throttle = await createThrottle(config.limits.throttle, {
    clockMs: options.throttleClockMs ?? Date.now, logger, commandTimeoutMs: config.faults.redisCommandTimeoutMs,
    onStoreError: () => metrics.dependencyErrors.labels('redis').inc(),
  });
  const observers = [metricsPlugin(), ...(tracing ? [tracingPlugin(tracing.tracer, metrics.knownOperations)] : [])];
  const apolloOptions = {
    isProduction: config.isProduction, logger, limits: config.limits, throttle, maxCompiledOperations: config.maxCompiledOperations,
    faults: config.faults, observers,
  };
  const plugins = apolloPlugins(apolloOptions);
  const persistedQueries = new PersistedQueryStore(config.limits.document);
  const apollo = createApollo(await buildTenorSchema({ plugins }), apolloOptions, plugins, persistedQueries);
  await apollo.start();

  let draining = false;
  const { server, whenIdle } = createHttpServer({
    apollo,
    logger,
    documentLimits: config.limits.document,
    persistedQueries,
    landingPage: !config.isProduction,
    throttle,
    corsOrigins: config.corsOrigins,
    observeRequest: (path, status, report, startedNs) => metrics.observeRequest(path, status, report, startedNs),
    withRequestSpan: tracing ? requestSpan(tracing.tracer) : undefined,
    // Not ready while draining, so the load balancer stops sending before the port closes.
    isReady: async () => !draining && databaseAnswers(db, config.faults.readinessTimeoutMs),
    faults: config.faults,
    authenticate: (authorization) => authenticate(db.repositories.apiKeys, authorization, {
      refuseDemoKeys: config.isProduction,
      recordUse: { now: clock(), onError: (error) => logger.warn({ err: error }, 'could not record API key use') },
    }),
    buildContext: (viewer, report, deadline) =>
      requestContext(reads, services, viewer, report, asOf(clock(), config.timeZone), config.limits.totalCountCap, deadline),
  });
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const { port } = server.address() as AddressInfo;
  const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort);

  let shuttingDown: Promise<boolean> | null = null;
  const shutdown = (idleConnections: DrainOptions['idleConnections']) => {
    shuttingDown ??= drainHttpServer({
      server, inFlight, whenIdle, logger, ...config.shutdown, idleConnections,
      markNotReady: () => {
        draining = true;
      },
      // Requests whose clients went away may still be running, and so may a sweep; they need the
      // database until they end or the grace is over.
      release: [async () => worker?.stop(), () => apollo.stop(), () => metricsServer.close(), async () => tracing?.shutdown(),
        () => throttle.close(), () => reads.close(), () => closeDatabase(db)],
    });
    return shuttingDown;
  };
  return {
    url: `http://localhost:${port}/graphql`,
    metricsUrl: `http://localhost:${metricsServer.port}/metrics`,
    db,
    runner,
    reads,
    logger,
    shutdown: () => shutdown('answer-next'),
    async close() {
      await shutdown('close-now');
    },
  };
}
