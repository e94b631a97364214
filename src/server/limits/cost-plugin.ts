import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request-report';
import type { LimitsConfig } from './limits-config';
import { MaxCostExceededError, ThrottledError } from './limit-errors';
import { actualQueryCost, requestedQueryCost } from './query-cost';
import type { Throttle, ThrottleStatus } from './throttle';

/**
 * Prices the validated operation before it runs, refuses it over the maximum (no resolver, so no
 * SQL), charges the key's bucket, then refunds what the result did not use. Every response that
 * went through Apollo, errors included, reports `extensions.cost`.
 */
export function costPlugin(limits: LimitsConfig, throttle: Throttle): ApolloServerPlugin<GatewayContext> {
  // A query the bucket can never hold would be throttled forever; it is over the maximum instead.
  const maximumCost = Math.min(limits.maxQueryCost, limits.throttle.bucketPoints);
  return {
    async requestDidStart({ contextValue }) {
      const bucket = String(contextValue.viewer.apiKeyId);
      let requested = 0;
      let charged = false;
      let status: ThrottleStatus | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation by that name: execution reports it, and nothing runs.
          if (!operation) return;
          requested = requestedQueryCost(schema, document, operation, request.variables ?? {}, limits);
          if (requested > maximumCost) throw new MaxCostExceededError(requested, maximumCost);
          const decision = await throttle.take(bucket, requested);
          status = decision.status;
          if (!decision.allowed) throw new ThrottledError(decision.retryAfterSeconds);
          charged = true;
        },
        async willSendResponse({ schema, document, operation, request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const actual = charged && document && operation
            ? actualQueryCost(schema, document, operation, request.variables ?? {}, result.data ?? {}, limits)
            : 0;
          if (charged) status = await throttle.refund(bucket, Math.max(0, requested - actual));
          status ??= (await throttle.take(bucket, 0)).status;
          result.extensions = { ...result.extensions, cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status } };
          contextValue.report.cost = { requested, actual };
        },
      };
    },
  };
}
