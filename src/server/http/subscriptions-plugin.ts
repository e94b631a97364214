import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const SUBSCRIPTIONS_NOT_SUPPORTED = 'SUBSCRIPTIONS_NOT_SUPPORTED';

/**
 * The schema has no subscription root, yet graphql-js validation accepts `subscription { … }` and
 * the executor then fails as if it were our bug. Refused here, before the cost plugin prices it and
 * before it executes, as the client's mistake with a pointer to what we offer instead. It must come
 * first among the plugins: hooks of one stage run together, and the first refusal is the answer.
 */
export function subscriptionsRefusedPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are not offered. Poll the query you need (the plan\'s status and balance change at most a few times a day) '
              + 'or receive webhooks; see docs/api.md.',
            { extensions: { code: SUBSCRIPTIONS_NOT_SUPPORTED, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
