import 'reflect-metadata';
import { startGateway } from './app';
import { loadConfig } from './config';
import { boundHeapGrowth } from './heap-growth';
import { createLogger } from './logger';
import { runMigrate, runWorker, RunningRole } from './roles';

/**
 * One entry point, one role per process: `serve` (HTTP only), `worker` (background work under a
 * lease), `migrate` (applies migrations and exits); no role is the all-in-one developer default
 * (npm start). Exit codes: 0 clean, 1 failed to start or had to cut requests at shutdown.
 */
const ROLES = ['all-in-one', 'serve', 'worker', 'migrate'] as const;
type Role = (typeof ROLES)[number];

function roleFromArgs(): Role {
  const arg = process.argv[2] ?? 'all-in-one';
  if (!(ROLES as readonly string[]).includes(arg)) throw Object.assign(new Error(`unknown role "${arg}"; use one of ${ROLES.join(', ')}`), { code: 'USAGE' });
  return arg as Role;
}

async function main(): Promise<void> {
  const role = roleFromArgs();
  boundHeapGrowth();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (role === 'migrate') return runMigrate(config, logger);

  let running: RunningRole;
  if (role === 'worker') running = await runWorker(config, logger);
  else {
    const gateway = await startGateway(config, { role, logger });
    logger.info({ role, url: gateway.url, metricsUrl: gateway.metricsUrl, driver: gateway.db.driver }, `Tenor is serving ${gateway.url}`);
    running = { stop: () => gateway.shutdown() };
  }
  // A second signal during the drain (compose, an impatient Ctrl-C) must not kill the process mid-drain.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, role }, 'shutting down');
    running.stop().then((clean) => process.exit(clean ? 0 : 1), (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, unreachable database, pending migrations) end the process with a clear line.
  const code = (error as { code?: string }).code;
  console.error(`Tenor failed to start${code ? ` (${code})` : ''}: ${(error as Error).message}`);
  process.exit(1);
});
