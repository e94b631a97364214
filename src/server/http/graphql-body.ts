import { HttpError } from './http-error';
import { refuseHostileBody } from './json-guard';
import { isPersistedQueryRequest } from './persisted-query';

/** GraphQL over HTTP POST is JSON; anything else is refused before Apollo parses anything. */
export function parseJsonBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new HttpError('BAD_REQUEST', 'Send POST bodies as JSON with "Content-Type: application/json"');
  }
  if (text.trim() === '') throw new HttpError('BAD_REQUEST', 'The request body is empty; send {"query": "..."}');
  refuseHostileBody(text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError('BAD_REQUEST', 'The request body is not valid JSON');
  }
  if (Array.isArray(body)) throw new HttpError('BATCHING_NOT_SUPPORTED', 'Send one operation per request; batched requests are not accepted');
  if (body === null || typeof body !== 'object') throw new HttpError('BAD_REQUEST', 'The request body must be a JSON object such as {"query": "..."}');
  const { query, extensions } = body as Record<string, unknown>;
  // An APQ request names its query by hash alone until the server asks for the text.
  const missing = query === undefined || query === null || query === '';
  if (missing && !isPersistedQueryRequest(extensions)) throw new HttpError('BAD_REQUEST', 'The request body has no "query"');
  if (!missing && typeof query !== 'string') throw new HttpError('BAD_REQUEST', '"query" must be a string');
  // Apollo looks a hash up only when "query" is absent (null or "" would be hashed as the text).
  if (missing) delete (body as Record<string, unknown>).query;
  return body as Record<string, unknown>;
}
