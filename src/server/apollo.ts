import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '../../resolvers/common/context';
import { maskError } from './errors';
import type { Logger } from './logger';

/** Masks errors with the request's id, which formatError alone cannot see. */
function errorMaskingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const originals = errors ?? [];
          response.body.singleResult.errors = response.body.singleResult.errors.map((formatted, i) =>
            maskError(formatted, originals[i], contextValue.requestId, logger));
        },
      };
    },
  };
}

export function createApollo(schema: GraphQLSchema, options: { isProduction: boolean; logger: Logger }) {
  return new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Batching multiplies the work one request can ask for; clients send one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: true,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      options.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      errorMaskingPlugin(options.logger),
    ],
  });
}
