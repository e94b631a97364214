import http from 'node:http';

/** A request the typed client cannot send (bad JSON, wrong headers, batches), and what came back. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: { cost?: CostExtension };
  };
  text: string;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** Headers set to null are not sent (e.g. no content-type, as a browser's simple GET). */
export async function rawRequest(url: string, init: { key?: string; body?: string; headers?: Record<string, string | null>; method?: string } = {}): Promise<RawResponse> {
  const headers = { 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers };
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null)),
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: jsonBody(text), text };
}

function jsonBody(text: string): RawResponse['body'] {
  try {
    return JSON.parse(text) as RawResponse['body'];
  } catch {
    // Not JSON (e.g. the Sandbox page): callers look at text.
    return {};
  }
}

/** POSTs one GraphQL operation as JSON. */
export const postQuery = (url: string, key: string | undefined, query: string, variables?: Record<string, unknown>) =>
  rawRequest(url, { key, body: JSON.stringify({ query, variables }) });

export const firstCode = (response: RawResponse): unknown => response.body.errors?.[0]?.extensions?.code;

interface GetOptions { variables?: Record<string, unknown>; extensions?: unknown; operationName?: string; headers?: Record<string, string | null> }

/** The URL of a GraphQL over HTTP GET: the parameters in the query string. */
export function graphqlGetUrl(url: string, query: string | undefined, options: GetOptions = {}): string {
  const params = new URLSearchParams();
  if (query !== undefined) params.set('query', query);
  if (options.variables !== undefined) params.set('variables', JSON.stringify(options.variables));
  if (options.extensions !== undefined) params.set('extensions', JSON.stringify(options.extensions));
  if (options.operationName !== undefined) params.set('operationName', options.operationName);
  return `${url}?${params}`;
}

/** GraphQL over HTTP GET, with Content-Type set so that Apollo's CSRF prevention lets it through. */
export const getQuery = (url: string, key: string | undefined, query: string | undefined, options: GetOptions = {}): Promise<RawResponse> =>
  rawRequest(graphqlGetUrl(url, query, options), { method: 'GET', key, headers: options.headers });

/**
 * A request with header lines exactly as given, repeated names included: fetch folds two
 * `Authorization` lines into one, node:http sends each (as a proxy appending its own would).
 */
export function requestWithHeaderLines(url: string, lines: [string, string][], init: { method?: string; body?: string } = {}): Promise<RawResponse> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of lines) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  const headers = Object.fromEntries([...grouped].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const fetchHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) fetchHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve({ status: response.statusCode ?? 0, headers: fetchHeaders, body: jsonBody(text), text });
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}
