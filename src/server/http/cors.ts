import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a browser tool may send: Apollo Sandbox and Apollo Client set the apollographql-* headers. */
const ALLOWED_HEADERS = 'authorization, content-type, apollographql-client-name, apollographql-client-version, apollo-require-preflight';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Chromium caps a cached preflight at two hours; longer is ignored. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/**
 * CORS for the origins of CORS_ORIGINS (exact matches; none by default). API keys are server-side
 * secrets, so partner frontends never call from a browser; the list is for analysts' browser tools
 * such as the hosted Apollo Sandbox. No credentials mode: keys travel in Authorization, never cookies.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  /** Headers every /graphql response carries, errors and 401s included (else the tool cannot read them). */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    // The answer depends on Origin, so caches must key on it whether or not this one was allowed.
    res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    if (origin !== undefined && this.origins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    }
  }

  /** The preflight answer: 204, and the allow-origin header only for a listed origin. */
  answerPreflight(req: IncomingMessage, res: ServerResponse): void {
    this.decorate(req, res);
    res.writeHead(204, {
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    });
    res.end();
  }
}

/** Vary from Apollo's response (e.g. Accept) is added to ours, not written over it. */
export function mergeVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('vary');
  res.setHeader('vary', current ? `${String(current)}, ${value}` : value);
}
