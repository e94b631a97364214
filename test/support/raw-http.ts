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
  let body: RawResponse['body'] = {};
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    // Not JSON (e.g. the Sandbox page): callers look at text.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs one GraphQL operation as JSON. */
export const postQuery = (url: string, key: string | undefined, query: string, variables?: Record<string, unknown>) =>
  rawRequest(url, { key, body: JSON.stringify({ query, variables }) });

export const firstCode = (response: RawResponse): unknown => response.body.errors?.[0]?.extensions?.code;
