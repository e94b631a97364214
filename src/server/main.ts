import 'reflect-metadata';
import { startGateway } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config);
  gateway.logger.info({ url: gateway.url, metricsUrl: gateway.metricsUrl, driver: gateway.db.driver }, `Tenor is serving ${gateway.url}`);
  const shutdown = (signal: string) => {
    gateway.logger.info({ signal }, 'shutting down');
    gateway.close().then(() => process.exit(0), (error) => {
      gateway.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, unreachable database) end the process with a clear line.
  const code = (error as { code?: string }).code;
  console.error(`Tenor failed to start${code ? ` (${code})` : ''}: ${(error as Error).message}`);
  process.exit(1);
});
