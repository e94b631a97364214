import type { Database } from '../../db/data-source';
import type { CommandRunner } from '../../services/lifecycle/command-runner';
import { instrumentBusiness } from './business-metrics';
import { instrumentDatabase } from './database-metrics';
import { GatewayMetrics } from './gateway-metrics';
import { loadKnownOperations } from './operation-names';

/** One gateway's metrics: requests, its database, and the business counted from what its command runner commits. */
export function instrumentGateway(db: Database, runner: CommandRunner): GatewayMetrics {
  const metrics = new GatewayMetrics(loadKnownOperations());
  instrumentDatabase(metrics, db);
  instrumentBusiness(metrics, runner);
  return metrics;
}
