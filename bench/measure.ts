// One timed load run with autocannon: fixed connections, no pipelining, and every response checked.
import autocannon from 'autocannon';

export const CONNECTIONS = 16;

/** What earlier answers of a connection's sequence told the later requests (ids to act on). */
export type StepContext = Record<string, unknown>;

/** One request of a scenario's sequence; single-request scenarios have one step. */
export interface Step {
  url: string;
  /** The request's body; null when the sequence cannot go on (an earlier answer was wrong): it starts over. */
  body: (context: StepContext) => string | null;
  /** Throws on a response that is not what the scenario expects (sampled, unless the step reads every answer). */
  check: (body: string) => void;
  /** Takes what later steps need from the answer; a step with `read` has every answer checked and read. */
  read?: (body: string, context: StepContext) => void;
}

/** The requests each of the connections sends, in order, over and over. */
export interface Target {
  headers: Record<string, string>;
  steps: Step[];
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
    url: target.steps[0].url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: target.steps.map((step) => ({
      method: 'POST',
      path: new URL(step.url).pathname,
      headers: target.headers,
      setupRequest: (request, context) => {
        const body = step.body(context);
        return body === null ? null : { ...request, body };
      },
      onResponse: (status, body, context) => {
        if (status !== 200) failures++;
        else if (step.read || seen++ % CHECK_EVERY === 0) {
          try {
            step.check(body);
            step.read?.(body, context);
          } catch {
            failures++;
          }
        }
      },
    })),
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.errors + result.timeouts,
  };
}
