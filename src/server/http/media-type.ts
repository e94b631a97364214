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

/**
 * The media type of a body Tenor writes itself (errors raised before Apollo): the one of
 * application/json and application/graphql-response+json the client prefers, ranked as Apollo ranks
 * them for its own responses (quality, then specificity, then order in Accept), so a client sees one
 * content type whoever answered. application/json when Accept is absent or names neither.
 */
export function errorMediaType(accept: string | undefined): string {
  if (!accept) return APPLICATION_JSON;
  const ranges = parseAccept(accept);
  const json = acceptance(ranges, APPLICATION_JSON);
  const graphql = acceptance(ranges, GRAPHQL_RESPONSE_JSON);
  const prefersGraphql = graphql.q > json.q
    || (graphql.q === json.q && graphql.q > 0 && (graphql.specificity > json.specificity
      || (graphql.specificity === json.specificity && graphql.order < json.order)));
  return prefersGraphql ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}
