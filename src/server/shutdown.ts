import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Logger } from './logger';

export interface DrainOptions {
  server: Server;
  /** Responses started and not yet finished. */
  inFlight: Set<ServerResponse>;
  /** Resolves when every request handler has returned (a handler can outlive its client's connection). */
  whenIdle(): Promise<void>;
  logger: Logger;
  /** Not ready but still serving this long, so load balancers stop sending first. */
  delayMs: number;
  /** Then this long for what is in flight, before connections are cut and the database released regardless. */
  graceMs: number;
  markNotReady(): void;
  /** Run in order after the requests, each bounded by what is left of the grace. */
  release: Array<() => Promise<unknown>>;
  /**
   * Keep-alive connections idle when the drain begins. 'answer-next' (SIGTERM): each stays open to
   * answer its next request with `Connection: close`, until the keep-alive timeout the server
   * announced or the grace. 'close-now': closed at once, for an owner that knows no client sends
   * any more (tests and scripts, Gateway.close).
   */
  idleConnections: 'answer-next' | 'close-now';
}

/** Resolves true when `work` ended before `deadlineMs` (epoch ms), false when the deadline came first. */
async function before(work: Promise<unknown>, deadlineMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A bounded shutdown (SIGTERM): /readyz says not ready at once while requests are still served for
 * `delayMs`; then no new connections, and `Connection: close` on every response still to be sent, so
 * each client opens its next request elsewhere. An idle keep-alive connection is not closed under its
 * client, which may be sending on it at that very moment (a reset, and a request whose fate it cannot
 * know): it answers that request and closes (`idleConnections`). At `graceMs` after that everything
 * left is cut, and the database is released whether or not it answers. Resolves true when nothing
 * had to be cut.
 */
export async function drainHttpServer(options: DrainOptions): Promise<boolean> {
  const { server, logger } = options;
  options.markNotReady();
  logger.info({ delayMs: options.delayMs, graceMs: options.graceMs }, 'draining: not ready, still serving');
  if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));

  const deadline = Date.now() + options.graceMs;
  for (const res of options.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  server.prependListener('request', (_req, res: ServerResponse) => res.setHeader('connection', 'close'));
  // net.Server#close stops accepting and calls back once every connection has ended; http.Server#close
  // would also destroy the idle keep-alive connections (Node 19+), the resets this drain avoids.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  if (options.idleConnections === 'close-now') server.closeIdleConnections();
  let drained = await before(closed, deadline);
  if (!drained) {
    logger.warn({ open: options.inFlight.size }, 'grace period over: cutting the connections still open');
    server.closeAllConnections();
  }
  // No connection is left: http.Server#close now only stops its timer of connection checks.
  server.close();
  if (!(await before(options.whenIdle(), deadline))) {
    drained = false;
    logger.warn('grace period over: releasing the database under requests still running');
  }
  // Past the deadline (requests were cut) the database still gets a moment to close cleanly.
  const releaseBy = Math.max(deadline, Date.now() + 500);
  for (const step of options.release) {
    if (!(await before(step(), releaseBy))) {
      drained = false;
      logger.warn('grace period over: a resource did not close in time');
    }
  }
  logger.info({ drained }, drained ? 'drained' : 'shutdown cut short');
  return drained;
}
