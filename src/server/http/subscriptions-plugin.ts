import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const SUBSCRIPTIONS_NOT_SUPPORTED = 'SUBSCRIPTIONS_NOT_SUPPORTED';

/**
 * The schema has no subscription root, yet graphql-js validation accepts `subscription { … }` and
 * the executor then fails as if it were our bug. Refused here, before the cost plugin prices it and
 * before it executes, as the client's mistake, saying what to do instead (poll) and that webhooks are not
 * there yet. It must come first among the plugins: hooks of one stage run together, and the first
 * refusal is the answer.
 */
export function subscriptionsRefusedPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are not offered: poll the query you need (a plan\'s status and balance change a few times a day at most). '
              + 'Push notifications (webhooks) are not available yet; see docs/api.md, "Subscriptions".',
            { extensions: { code: SUBSCRIPTIONS_NOT_SUPPORTED, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
