import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request-report';
import { graphqlOutcome } from './request-outcome';

/**
 * Notes on the request's report what metrics and the log line need from GraphQL: the operation's
 * kind, its outcome class and the codes behind it. Listed after the error-masking plugin, so it sees
 * the codes the client saw, and the thrown originals beside them to tell an unavailable database
 * from a bug.
 */
export function metricsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.report.kind = operation?.operation === 'mutation' ? 'mutation' : 'query';
        },
        async willSendResponse({ response, contextValue, errors }) {
          const report = contextValue.report;
          report.kind ??= 'query';
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const codes = (result.errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const userErrorCodes = report.kind === 'mutation' && codes.length === 0 ? userErrorCodesOf(result.data) : [];
          report.outcome = graphqlOutcome(codes, errors ?? [], userErrorCodes);
          report.codes = codes.length > 0 ? codes : userErrorCodes;
        },
      };
    },
  };
}

/** Every mutation payload has `userErrors`; a mutation that answered only with them refused the request. */
function userErrorCodesOf(data: Record<string, unknown> | null | undefined): string[] {
  const codes: string[] = [];
  for (const payload of Object.values(data ?? {})) {
    const userErrors = (payload as { userErrors?: { code?: unknown }[] } | null)?.userErrors;
    if (Array.isArray(userErrors)) for (const userError of userErrors) codes.push(String(userError?.code ?? 'UNKNOWN'));
  }
  return codes;
}
