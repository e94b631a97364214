export const APPLICATION_JSON = 'application/json';
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

interface MediaRange { type: string; subtype: string; q: number; order: number }

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part, order) => {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    const qParam = params.map((p) => p.trim().split('=')).find(([name]) => name.toLowerCase() === 'q');
    const q = qParam ? Number(qParam[1]) : 1;
    return Number.isFinite(q) ? [{ type, subtype, q, order }] : [];
  });
}

/** How well `mediaType` is accepted: the most specific matching range decides (RFC 9110 §12.5.1). */
function acceptance(ranges: MediaRange[], mediaType: string): { q: number; specificity: number; order: number } {
  const [type, subtype] = mediaType.split('/');
  let best = { q: 0, specificity: -1, order: Infinity };
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1
      : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { q: range.q, specificity, order: range.order };
  }
  return best;
}

type Acceptance = ReturnType<typeof acceptance>;

/** Ranked as Apollo's negotiator ranks them: quality, then the specificity of the range, then its order in Accept. */
const ranksAbove = (a: Acceptance, b: Acceptance): boolean =>
  a.q > b.q || (a.q === b.q && a.q > 0 && (a.specificity > b.specificity || (a.specificity === b.specificity && a.order < b.order)));

const TEXT_HTML = 'text/html';

/**
 * Whether the client ranks HTML above both JSON media types of GraphQL over HTTP: a browser's
 * address bar does, `application/json, text/html;q=0.1` does not.
 */
export function prefersHtml(accept: string | undefined): boolean {
  // Without a text range and without q-values, HTML could only match */*, which matches JSON as well
  // (curl's and fetch's default, and every JSON client): nothing to parse.
  if (!accept || !(accept.includes('text/') || accept.includes(';'))) return false;
  const ranges = parseAccept(accept);
  const html = acceptance(ranges, TEXT_HTML);
  return ranksAbove(html, acceptance(ranges, APPLICATION_JSON)) && ranksAbove(html, acceptance(ranges, GRAPHQL_RESPONSE_JSON));
}

/**
 * The media type of a body Tenor writes itself (errors raised before Apollo): the one of
 * application/json and application/graphql-response+json the client prefers, ranked as Apollo ranks
 * them for its own responses (quality, then specificity, then order in Accept), so a client sees one
 * content type whoever answered. application/json when Accept is absent or names neither.
 */
export function errorMediaType(accept: string | undefined): string {
  if (!accept) return APPLICATION_JSON;
  const ranges = parseAccept(accept);
  return ranksAbove(acceptance(ranges, GRAPHQL_RESPONSE_JSON), acceptance(ranges, APPLICATION_JSON)) ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}
