import type { IncomingMessage, ServerResponse } from 'node:http';
import cors, { CorsOptions } from 'cors';

/** Whether a browser page at `origin` may read the response to `req`: decided per request. */
export type OriginCheck = (origin: string, req: IncomingMessage) => boolean;

// A refused origin gets an empty list, not `false`: with `false` the cors package writes no header
// at all, and Vary: Origin must be on every response.
const REFUSED: CorsOptions = {
  origin: [],
  methods: 'GET, POST, OPTIONS',
  // What a browser tool may send: Apollo Sandbox and Apollo Client set the apollographql-* headers.
  allowedHeaders: 'authorization, content-type, apollographql-client-name, apollographql-client-version, apollo-require-preflight',
  // Chromium caps a cached preflight at two hours; longer is ignored.
  maxAge: 7200,
};
/** `true` echoes the request's Origin; exposed headers only here, so partners' requests (no Origin) get one header, Vary. */
const ALLOWED: CorsOptions = { ...REFUSED, origin: true, exposedHeaders: 'x-request-id, retry-after' };
const NEXT = () => undefined;

/**
 * CORS through the cors package (connect-style, so it runs on node:http as it is). No credentials
 * mode: keys travel in Authorization, never cookies. The origin is checked per request, so a rule
 * may depend on more than a fixed list.
 */
export class CorsPolicy {
  private readonly middleware: ReturnType<typeof cors<IncomingMessage>>;

  constructor(allows: OriginCheck) {
    this.middleware = cors<IncomingMessage>((req, decide) => {
      const origin = req.headers.origin;
      decide(null, origin !== undefined && allows(origin, req) ? ALLOWED : REFUSED);
    });
  }

  /**
   * Puts the CORS headers on a /graphql response, errors and 401s included (else the tool cannot
   * read them), and answers an OPTIONS preflight itself with 204: true when it did, so the caller stops.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    this.middleware(req, res, NEXT);
    return req.method === 'OPTIONS';
  }
}

/**
 * The exact origins of CORS_ORIGINS (none by default). API keys are server-side secrets, so partner
 * frontends never call from a browser; the list is for analysts' browser tools such as the hosted
 * Apollo Sandbox.
 */
export function listedOrigins(origins: readonly string[]): OriginCheck {
  const listed = new Set(origins);
  return (origin) => listed.has(origin);
}

/** Vary from Apollo's response (e.g. Accept) is added to ours, not written over it. */
export function mergeVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('vary');
  res.setHeader('vary', current ? `${String(current)}, ${value}` : value);
}
