import { Gauge, Registry } from 'prom-client';
import type { ReadRouting } from '../../db/replica';

/**
 * The read replica as Prometheus sees it, on a gateway's registry. Both gauges are read from the
 * monitor's last verdict when scraped, so they never disagree with where analysts are sent:
 * - `tenor_db_replica_in_use`: 1 while analysts read from the replica, 0 while they fall back to the primary;
 * - `tenor_db_replica_lag_seconds`: its Seconds_Behind_Master at the last check; NaN while it is
 *   stopped or unreachable (no lag to report; `tenor_db_replica_in_use` is 0 then).
 * Nothing is registered without a replica.
 */
export function registerReplicaMetrics(registry: Registry, reads: ReadRouting): void {
  if (!reads.state()) return;
  new Gauge({
    name: 'tenor_db_replica_in_use',
    help: 'Whether analysts read from the read replica (1) or fall back to the primary (0).',
    registers: [registry],
    collect() {
      this.set(reads.state()?.source === 'replica' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tenor_db_replica_lag_seconds',
    help: 'Seconds_Behind_Master of the read replica at its last check; NaN when it is stopped or unreachable.',
    registers: [registry],
    collect() {
      this.set(reads.state()?.lagSeconds ?? Number.NaN);
    },
  });
}
