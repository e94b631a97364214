import type { DocRequest, DocResponse } from './examples';

/**
 * What an opaque value is, read from the value itself: a global id (`Plan`, `Merchant`, …), a payment
 * estimate's id (`Estimate`) or a cursor (`cursor`); null for anything else. A document's ids come from
 * the run its author made and may differ from a fresh gateway's; their kind may not.
 */
export function opaqueKind(value: string): string | null {
  if (!/^[A-Za-z0-9_-]{4,128}$/.test(value)) return null;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== value) return null;
  return /^([A-Za-z]+):[0-9]/.exec(decoded)?.[1] ?? null;
}

/** Values that differ on every run however fresh the gateway: only their JSON type is compared. */
const VOLATILE = new Set(['plainKey', 'displayPrefix', 'requestId', 'currentlyAvailable']);

/**
 * The document's ids paired with the gateway's, one to one: learned from each response, used in the
 * requests that follow (an example chained to an earlier one sends the id that example got).
 */
export class IdPairs {
  private readonly actualOf = new Map<string, string>();
  private readonly documentedOf = new Map<string, string>();

  /** A problem, or null when the pair is new or agrees with the pairs so far. */
  pair(documented: string, actual: string): string | null {
    const known = this.actualOf.get(documented);
    if (known !== undefined && known !== actual) return `the document's ${documented} was ${known} earlier, is ${actual} here`;
    const other = this.documentedOf.get(actual);
    if (other !== undefined && other !== documented) return `the document names one object ${other} earlier and ${documented} here`;
    this.actualOf.set(documented, actual);
    this.documentedOf.set(actual, documented);
    return null;
  }

  /** The request as this gateway needs it: every id the document learned replaced by the gateway's. */
  forGateway(request: DocRequest): DocRequest {
    const swap = (text: string) => text.replace(/[A-Za-z0-9_-]{4,128}/g, (word) => this.actualOf.get(word) ?? word);
    return { ...request, target: swap(request.target), body: request.body === undefined ? undefined : swap(request.body) };
  }

  /** A response as the document would show it: the gateway's ids replaced by the document's. */
  asDocumented(value: unknown): unknown {
    return JSON.parse(JSON.stringify(value ?? null).replace(/[A-Za-z0-9_-]{4,128}/g, (word) => this.documentedOf.get(word) ?? word));
  }
}

/** Where `actual` differs from `documented`, as `path: reason` lines. */
export function differences(documented: unknown, actual: unknown, ids: IdPairs, at = '$', key = ''): string[] {
  if (VOLATILE.has(key)) return typeof documented === typeof actual ? [] : [`${at}: ${typeof actual} where the document has ${typeof documented}`];
  if (typeof documented === 'string' && opaqueKind(documented)) {
    const kind = opaqueKind(documented);
    if (typeof actual !== 'string' || opaqueKind(actual) !== kind) return [`${at}: ${JSON.stringify(actual)} is not a ${kind} id like ${documented}`];
    const problem = ids.pair(documented, actual);
    return problem ? [`${at}: ${problem}`] : [];
  }
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${at}: ${JSON.stringify(actual)} where the document has a list`];
    if (actual.length !== documented.length) return [`${at}: ${actual.length} items where the document has ${documented.length}`];
    return documented.flatMap((item, i) => differences(item, actual[i], ids, `${at}[${i}]`));
  }
  if (documented !== null && typeof documented === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: ${JSON.stringify(actual)} where the document has an object`];
    const expected = documented as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const missing = Object.keys(expected).filter((name) => !(name in got)).map((name) => `${at}.${name}: missing`);
    const extra = Object.keys(got).filter((name) => !(name in expected)).map((name) => `${at}.${name}: not in the document (${JSON.stringify(got[name])})`);
    const inner = Object.keys(expected).filter((name) => name in got).flatMap((name) => differences(expected[name], got[name], ids, `${at}.${name}`, name));
    return [...missing, ...extra, ...inner];
  }
  return Object.is(documented, actual) ? [] : [`${at}: ${JSON.stringify(actual)} where the document has ${JSON.stringify(documented)}`];
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends a document's request to the gateway at `origin`. */
export async function send(origin: string, request: DocRequest): Promise<Answer> {
  const response = await fetch(new URL(request.target, origin), {
    method: request.method, headers: request.headers, body: ['GET', 'HEAD'].includes(request.method) ? undefined : request.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) as unknown : undefined };
}

/**
 * Every way the answer differs from the documented response. The cost report every answer to a
 * valid key carries is left out unless the document shows it (docs/api.md says so at the top).
 */
export function answerDifferences(documented: DocResponse, answer: Answer, ids: IdPairs): string[] {
  const problems: string[] = [];
  if (answer.status !== documented.status) problems.push(`HTTP ${answer.status} where the document has ${documented.status}`);
  for (const [name, value] of Object.entries(documented.headers)) {
    if (answer.headers.get(name) !== value) problems.push(`${name}: ${answer.headers.get(name)} where the document has ${value}`);
  }
  let body = answer.body;
  const documentedBody = documented.body as { extensions?: unknown } | undefined;
  if (body && typeof body === 'object' && 'extensions' in body && !(documentedBody && typeof documentedBody === 'object' && 'extensions' in documentedBody)) {
    const { extensions, ...rest } = body as { extensions: Record<string, unknown> };
    const { cost: _cost, ...others } = extensions;
    body = Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest;
  }
  problems.push(...differences(documented.body, body, ids));
  return problems;
}
