import type { AddressInfo } from 'node:net';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { authenticate, AuthenticationError } from '../auth/authenticate';
import { partnerScope } from '../auth/viewer';
import { Database, migrate, openDatabase } from '../db/data-source';
import { seedDemoData } from '../db/seed';
import { createLoaders } from '../loaders/loaders';
import { Services } from '../services/services';
import { runMaintenance } from '../services/lifecycle/maintenance';
import { UnauthenticatedError } from '../../resolvers/common/errors';
import type { Context } from '../../resolvers/common/context';
import { createApollo } from './apollo';
import type { Config } from './config';
import { createHttpServer } from './http';
import { createLogger, Logger } from './logger';
import { buildTenorSchema } from './schema';

export interface Gateway {
  url: string;
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
}

const DEFAULT_STATUS_SWEEP_MS = 60_000;

/** Opens the database, migrates, seeds an empty one outside production, and serves HTTP. */
export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, { logger: options.sqlLogger });
  await migrate(db);

  const clock = options.clock ?? (() => config.fixedNow ?? new Date());
  if (config.seedDemoData) await seedDemoData(db, clock());
  await runMaintenance(db, clock());
  const sweepMs = options.statusSweepMs ?? DEFAULT_STATUS_SWEEP_MS;
  const sweeper = sweepMs > 0 ? setInterval(() => {
    runMaintenance(db, clock()).catch((error: unknown) => logger.error({ err: error }, 'maintenance failed'));
  }, sweepMs).unref() : null;

  const services = new Services(db, config.isProduction ? 'live' : 'test');
  const apollo = createApollo(await buildTenorSchema(), { isProduction: config.isProduction, logger });
  await apollo.start();

  const server = createHttpServer({
    apollo,
    logger,
    isReady: async () => (await db.dataSource.query('SELECT 1 AS ok')).length === 1,
    buildContext: async (req, requestId): Promise<Context> => {
      const viewer = await authenticate(db.dataSource, req.headers.authorization, { refuseDemoKeys: config.isProduction })
        .catch((error: unknown) => {
          throw error instanceof AuthenticationError ? new UnauthenticatedError(error.message) : error;
        });
      return { viewer, loaders: createLoaders(db.dataSource, partnerScope(viewer)), services, requestId, now: clock() };
    },
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://localhost:${port}/graphql`,
    db,
    logger,
    async close() {
      if (sweeper) clearInterval(sweeper);
      // Stop accepting, let in-flight requests finish, then release the database.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await db.dataSource.destroy();
    },
  };
}
