import type { ApolloServerPlugin } from '@apollo/server';
import { RequestDeadline } from '../db/deadline';
import type { FaultConfig } from './fault-config';
import type { GatewayContext } from './request-report';

/**
 * Runs one HTTP request under a deadline: the read budget from arrival (authentication included),
 * raised to the mutation budget by `deadlinePlugin` once the operation is known to be a mutation.
 * When it passes the request rejects with TIMEOUT; whatever it was waiting for is abandoned (a
 * write transaction rolls itself back, see src/db/transaction.ts).
 */
export function withRequestDeadline<T>(config: FaultConfig, work: (deadline: RequestDeadline) => Promise<T>): Promise<T> {
  const deadline = new RequestDeadline(Date.now(), config.readDeadlineMs);
  return deadline.race(work(deadline), undefined, BACKSTOP_GRACE_MS);
}

/**
 * The HTTP answer is the backstop: it comes this much after the deadline, so that a transaction cut
 * by the same deadline reports what it knows (TIMEOUT, or OUTCOME_UNKNOWN during COMMIT) first.
 */
const BACKSTOP_GRACE_MS = 250;

/** Mutations get the longer budget: a transaction with its lock retries, not just a read. */
export function deadlinePlugin(config: FaultConfig): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') contextValue.deadline?.setBudget(config.mutationDeadlineMs);
        },
      };
    },
  };
}
