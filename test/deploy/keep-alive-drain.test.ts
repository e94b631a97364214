import http from 'node:http';
import { KEYS } from '../support/gateway';
import { buildOnce, RoleProcess, startRole } from '../support/role-process';
import { durableDatabaseUrl } from '../support/test-database';

/**
 * Issue #25 (10): SIGTERM with keep-alive clients talking to the gateway directly (no load balancer
 * in front, default settings). Each client is what a service calling Tenor runs: node's http.Agent
 * with keepAlive, one connection, the next request sent as soon as the last answer is read.
 *
 * What counts, per request:
 * - answered: a complete response (status, headers and a JSON body read to its end);
 * - refused: ECONNREFUSED on a NEW connection: the port is closed and the client must go elsewhere
 *   (a client opens one after an answer said `Connection: close`); the client stops there;
 * - a reset: any error on a connection that had already carried a request (ECONNRESET, "socket hang
 *   up", EPIPE), or any other error. The request was sent and never answered: the client cannot tell
 *   whether it ran. There must be none.
 */
const CLIENTS = 8;
/** Answers every client has had before SIGTERM: the drain begins mid-stream. */
const ANSWERS_BEFORE_SIGTERM = 20;
const QUERY = JSON.stringify({ query: '{ viewer { role partner { name } } merchants(first: 5) { nodes { id name } } }' });

type Outcome =
  | { kind: 'answered'; afterSigterm: boolean; connection: string | undefined }
  | { kind: 'refused' }
  | { kind: 'reset'; reused: boolean; error: string };

/** One request on the client's agent; never rejects. */
function send(url: string, agent: http.Agent, sigtermSent: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.acme}`, 'content-length': Buffer.byteLength(QUERY) },
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('error', (error) => resolve({ kind: 'reset', reused: request.reusedSocket, error: `${error.message} while reading the body` }));
      response.on('end', () => {
        if (!response.complete) return resolve({ kind: 'reset', reused: request.reusedSocket, error: 'response cut short' });
        try {
          JSON.parse(body);
          resolve({ kind: 'answered', afterSigterm: sigtermSent(), connection: response.headers.connection });
        } catch {
          resolve({ kind: 'reset', reused: request.reusedSocket, error: `incomplete body (status ${response.statusCode})` });
        }
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(!request.reusedSocket && error.code === 'ECONNREFUSED'
      ? { kind: 'refused' }
      : { kind: 'reset', reused: request.reusedSocket, error: `${error.code ?? ''} ${error.message}` }));
    request.end(QUERY);
  });
}

describe('SIGTERM with keep-alive clients and no load balancer', () => {
  let gateway: RoleProcess;
  beforeAll(buildOnce);
  afterAll(() => gateway?.child.kill('SIGKILL'));

  it('answers every request sent on a kept-alive connection, and resets none', async () => {
    const url = await durableDatabaseUrl('keep_alive_drain');
    // Default settings: no SHUTDOWN_* variables; the demo seed gives the key.
    gateway = startRole('all-in-one', { DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'info' });
    const graphqlUrl = await gateway.serving();

    let sigterm = false;
    let midStream!: () => void;
    const everyClientMidStream = new Promise<void>((resolve) => (midStream = resolve));
    const answeredBefore = new Array<number>(CLIENTS).fill(0);
    const client = async (index: number): Promise<Outcome[]> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const outcomes: Outcome[] = [];
      for (;;) {
        const outcome = await send(graphqlUrl, agent, () => sigterm);
        outcomes.push(outcome);
        if (outcome.kind !== 'answered') break;
        if (!sigterm && ++answeredBefore[index] >= ANSWERS_BEFORE_SIGTERM && answeredBefore.every((n) => n >= ANSWERS_BEFORE_SIGTERM)) midStream();
      }
      agent.destroy();
      return outcomes;
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    await everyClientMidStream;
    sigterm = true;
    gateway.child.kill('SIGTERM');
    const outcomes = (await Promise.all(clients)).flat();

    expect(outcomes.filter((o) => o.kind === 'reset')).toEqual([]);
    // Every client was answered during the drain and told to leave its connection.
    const drained = outcomes.filter((o) => o.kind === 'answered' && o.afterSigterm);
    expect(drained.filter((o) => o.kind === 'answered' && o.connection === 'close').length).toBeGreaterThanOrEqual(CLIENTS);
    expect(await gateway.exited).toBe(0);
  });
});
