// One timed load run with autocannon: fixed connections, no pipelining, and every response checked.
import autocannon from 'autocannon';

export const CONNECTIONS = 16;

export interface Target {
  url: string;
  headers: Record<string, string>;
  /** The body of the next request: a function for scenarios where each request must differ. */
  body: () => string;
  /** Throws on a response that is not what the scenario expects (sampled by the caller). */
  check: (body: string) => void;
}

export interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** CPU time the server process used per request in this run (user + system), when measured. */
  cpuMsPerRequest?: number | null;
}

/** Every 50th response body is checked; a wrong answer at speed is not a result. */
const CHECK_EVERY = 50;

export async function load(target: Target, seconds: number): Promise<RunFigures> {
  let seen = 0;
  let failures = 0;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [{
      method: 'POST',
      headers: target.headers,
      setupRequest: (request) => ({ ...request, body: target.body() }),
      onResponse: (status, body) => {
        if (status !== 200) failures++;
        else if (seen++ % CHECK_EVERY === 0) {
          try {
            target.check(body);
          } catch {
            failures++;
          }
        }
      },
    }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.errors + result.timeouts,
  };
}
