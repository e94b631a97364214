import type { Role } from '../../entities';
import type { Context } from '../../resolvers/common/context';
import type { RequestOutcome } from './metrics/request-outcome';

/** What the one log line of a request says; filled in as the request moves through the gateway. */
export interface RequestReport {
  requestId: string;
  operationName?: string | null;
  role?: Role;
  partnerId?: number | null;
  /** The id (never the key) of the API key that authenticated the request. */
  apiKeyId?: number;
  cost?: { requested: number; actual: number };
  /** Set once the request entered Apollo's pipeline (the operation's kind, `query` when none resolved). */
  kind?: 'query' | 'mutation';
  /** What happened, in the bounded classes metrics and logs share (see metrics/request-outcome.ts). */
  outcome?: RequestOutcome;
  /** The error codes the client saw, or the userError codes of a mutation that answered only userErrors. */
  codes?: string[];
  /** The OpenTelemetry trace of the request, when tracing is on. */
  traceId?: string;
  /** What failed a request outside Apollo (kept to tell an unavailable dependency from a bug). */
  failure?: unknown;
}

/** The resolvers' context plus the transport's record of the request (resolvers never see it). */
export type GatewayContext = Context & { report: RequestReport };
