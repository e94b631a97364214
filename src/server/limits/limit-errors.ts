import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/** Which document limit a request broke; each is its own code so clients can tell them apart. */
export type DocumentLimitCode =
  | 'MAX_TOKENS_EXCEEDED' | 'MAX_DEPTH_EXCEEDED' | 'MAX_FIELDS_EXCEEDED'
  | 'MAX_ALIASES_EXCEEDED' | 'MAX_ROOT_FIELDS_EXCEEDED' | 'MAX_DIRECTIVES_EXCEEDED';

/**
 * A query refused before validation (sent by the HTTP layer, not Apollo); `limit` and
 * `actual` say by how much it missed.
 */
export class DocumentLimitError extends GraphQLError {
  constructor(readonly code: DocumentLimitCode, message: string, limit: number, actual?: number) {
    super(message, { extensions: { code, limit, ...(actual === undefined ? {} : { actual }) } });
  }
}

export class MaxCostExceededError extends GraphQLError {
  constructor(requested: number, maximum: number) {
    super(`This query would cost ${requested} points; the maximum is ${maximum}. Ask for fewer items (first/last) or fewer nested connections.`, {
      extensions: { code: 'MAX_COST_EXCEEDED', requestedQueryCost: requested, maxCost: maximum },
    });
  }
}

export class ThrottledError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    super(`Throttled: this API key's cost budget is spent. Retry after ${retryAfterSeconds} s.`, {
      extensions: {
        code: 'THROTTLED', retryAfterSeconds,
        // The status is the code table's; the wait is this key's own.
        http: { headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

export class IntrospectionForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
}
