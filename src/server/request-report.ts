import type { Role } from '../../entities';
import type { Context } from '../../resolvers/common/context';

/** What the one log line of a request says; filled in as the request moves through the gateway. */
export interface RequestReport {
  requestId: string;
  operationName?: string | null;
  role?: Role;
  partnerId?: number | null;
  cost?: { requested: number; actual: number };
  /** `ok`, or the code of the first error the client saw. */
  outcome?: string;
}

/** The resolvers' context plus the transport's record of the request (resolvers never see it). */
export type GatewayContext = Context & { report: RequestReport };
