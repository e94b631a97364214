import type { Database } from '../../db/data-source';
import { instrumentBusiness } from './business-metrics';
import { instrumentDatabase } from './database-metrics';
import { GatewayMetrics } from './gateway-metrics';
import { loadKnownOperations } from './operation-names';

/** One gateway's metrics: requests, its database, and the business counted from domain events. */
export function instrumentGateway(db: Database): GatewayMetrics {
  const metrics = new GatewayMetrics(loadKnownOperations());
  instrumentDatabase(metrics, db);
  instrumentBusiness(metrics, db);
  return metrics;
}
