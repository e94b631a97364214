import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import { deadlinePlugin } from './deadline';
import { maskErrors } from './errors';
import { answerFaultsWith503 } from './fault-response';
import type { FaultConfig } from './fault-config';
import { costPlugin } from './limits/cost-plugin';
import type { LimitsConfig } from './limits/limits-config';
import { schemaVisibilityPlugin } from './limits/schema-visibility-plugin';
import type { Throttle } from './limits/throttle';
import type { Logger } from './logger';
import type { GatewayContext } from './request-report';
import { subscriptionsRefusedPlugin } from './http/subscriptions-plugin';
import { jitGateway } from './jit-gateway';

/** Masks errors with the request's id, which formatError alone cannot see, and notes what the log line needs. */
function errorMaskingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, errors, operationName, request }) {
          contextValue.report.operationName = operationName ?? request.operationName ?? null;
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) {
            result.errors = maskErrors(result.errors, errors ?? [], contextValue.requestId, logger);
            answerFaultsWith503(response, result.errors);
          }
        },
      };
    },
  };
}

export interface ApolloOptions {
  isProduction: boolean;
  logger: Logger;
  limits: LimitsConfig;
  throttle: Throttle;
  maxCompiledOperations: number;
  faults: FaultConfig;
  observers: ApolloServerPlugin<GatewayContext>[];
}

export function createApollo(schema: GraphQLSchema, options: ApolloOptions) {
  return new ApolloServer<GatewayContext>({
    gateway: jitGateway(schema, options.maxCompiledOperations),
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown; Apollo's own handler would re-raise SIGTERM and race its exit code.
    stopOnTerminationSignals: false,
    // Batching multiplies the work one request can ask for; clients send one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Who may introspect is decided per key by schemaVisibilityPlugin.
    introspection: true,
    // The HTTP layer already refused longer documents; this keeps Apollo's own parse bounded too.
    parseOptions: { maxTokens: options.limits.document.maxTokens },
    plugins: [
      subscriptionsRefusedPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      options.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      schemaVisibilityPlugin({ isProduction: options.isProduction }),
      costPlugin(options.limits, options.throttle),
      errorMaskingPlugin(options.logger),
      deadlinePlugin(options.faults),
      // After masking: metrics and traces see the codes the client saw.
      ...options.observers,
    ],
  });
}
