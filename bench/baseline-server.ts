// The hand-written baseline: node:http + a mysql2 pool of the same size as the gateway's, one route
// per scenario, the same request bodies and Authorization header as the GraphQL requests.
// Run as a child process (like the gateway) so each has a core's worth of event loop and its own RSS.
import http, { IncomingMessage, ServerResponse } from 'node:http';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/db/database-url';
import { authenticate } from './baseline-common';
import { acceptOffer, capturePlan, createApplication } from './baseline-checkout';
import { EstimatesVariables, nestedRead, paymentEstimates, recordRepayment, viewerRole } from './baseline-handlers';

/** The gateway's default pool size (src/db/data-source.ts), so neither side has more connections. */
const POOL_SIZE = 10;

function createPool(url: string): mysql.Pool {
  const target = parseDatabaseUrl(url);
  if (target.driver !== 'mysql') throw new Error('the baseline needs a mysql:// DATABASE_URL');
  return mysql.createPool({
    host: target.host, port: target.port, user: target.user, password: target.password, database: target.database,
    connectionLimit: POOL_SIZE, timezone: 'Z', charset: 'utf8mb4_unicode_ci',
    // The gateway's conventions: BIGINT money as exact strings, DATE as 'YYYY-MM-DD', DATETIME as UTC Date.
    supportBigNumbers: true, bigNumberStrings: true, dateStrings: ['DATE'],
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(pool: mysql.Pool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url === '/healthz') return send(res, 200, { status: 'ok' });
  const body = JSON.parse(await readBody(req)) as { variables?: Record<string, unknown> };
  const viewer = await authenticate(pool, req.headers.authorization);
  if (!viewer) return send(res, 401, { errors: [{ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED' } }] });
  switch (req.url) {
    case '/viewer': return send(res, 200, viewerRole(viewer));
    case '/nested-read': return send(res, 200, await nestedRead(pool, viewer, body.variables as { id: string; first: number }));
    case '/estimates': return send(res, 200, await paymentEstimates(pool, viewer, body.variables as unknown as EstimatesVariables));
    case '/repayment': return send(res, 200, await recordRepayment(pool, viewer, body.variables!.input as never));
    case '/create-application': return send(res, 200, await createApplication(pool, viewer, body.variables!.input as never));
    case '/accept-offer': return send(res, 200, await acceptOffer(pool, viewer, body.variables!.input as never));
    case '/capture-plan': return send(res, 200, await capturePlan(pool, viewer, body.variables!.input as never));
    default: return send(res, 404, { errors: [{ message: 'Not found' }] });
  }
}

function main(): void {
  const pool = createPool(process.env.DATABASE_URL ?? '');
  const server = http.createServer((req, res) => {
    handle(pool, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { errors: [{ message: (error as Error).message }] });
    });
  });
  server.listen(Number(process.env.PORT ?? 0), () => console.log(`baseline listening on ${JSON.stringify(server.address())}`));
  process.once('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
}

if (require.main === module) main();
