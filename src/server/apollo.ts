import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import { deadlinePlugin } from './deadline';
import { errorPlugin, formatError } from './errors/error-plugin';
import type { FaultConfig } from './fault-config';
import { costPlugin } from './limits/cost-plugin';
import type { LimitsConfig } from './limits/limits-config';
import { schemaVisibilityPlugin } from './limits/schema-visibility-plugin';
import type { Throttle } from './limits/throttle';
import type { Logger } from './logger';
import type { GatewayContext } from './request-report';
import { subscriptionsRefusedPlugin } from './http/subscriptions-plugin';
import { jitGateway } from './jit-gateway';
import type { PersistedQueryStore } from './http/persisted-query-store';

/** Notes the operation's name for the request's log line (metricsPlugin notes its outcome and codes). */
function reportPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, request }) {
          contextValue.report.operationName = operationName ?? request.operationName ?? null;
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

/**
 * The plugins every request passes through, in order. Built apart from the server so that
 * buildTenorSchema can check them against its fast paths before anything is served.
 */
export function apolloPlugins(options: ApolloOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    subscriptionsRefusedPlugin(),
    ApolloServerPluginCacheControlDisabled(),
    options.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    schemaVisibilityPlugin({ isProduction: options.isProduction }),
    costPlugin(options.limits, options.throttle),
    // First of the willSendResponse hooks (they run in order): everything after sees the normalized errors.
    errorPlugin(options.logger),
    reportPlugin(),
    deadlinePlugin(options.faults),
    // After the normalizer: metrics and traces see the codes the client saw.
    ...options.observers,
  ];
}

/** `persistedQueries` is shared with the HTTP layer, which checks a document sent by its hash alone like one sent in full. */
export function createApollo(schema: GraphQLSchema, options: ApolloOptions, plugins: ApolloServerPlugin<GatewayContext>[],
  persistedQueries: PersistedQueryStore) {
  return new ApolloServer<GatewayContext>({
    gateway: jitGateway(schema, options.maxCompiledOperations),
    includeStacktraceInErrorResponses: false,
    // Every error passes through one normalizer (src/server/errors): a code of the table or INTERNAL_SERVER_ERROR.
    formatError,
    // main.ts owns shutdown; Apollo's own handler would re-raise SIGTERM and race its exit code.
    stopOnTerminationSignals: false,
    // Batching multiplies the work one request can ask for; clients send one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Who may introspect is decided per key by schemaVisibilityPlugin.
    introspection: true,
    // The HTTP layer already refused longer documents; this keeps Apollo's own parse bounded too.
    parseOptions: { maxTokens: options.limits.document.maxTokens },
    persistedQueries: { cache: persistedQueries },
    plugins,
  });
}
