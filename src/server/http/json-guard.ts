import { HttpError } from './http-error';

/** Deeper than any input Tenor's schema takes (its deepest, a mutation input with Money, is 5 below the body). */
export const MAX_JSON_DEPTH = 32;
/** Characters of JSON in `variables`: a hundred times the largest mutation input. */
export const MAX_VARIABLES_CHARS = 64 * 1024;

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

interface Shape { tooDeep: boolean; variablesChars: number }

/**
 * One pass over JSON text, before JSON.parse builds anything: the nesting depth (stopping at the
 * first level too deep, so a 230 KB "[[[[..." costs a few bytes of scanning and nothing else), and
 * the length of the top-level "variables" value. It does not validate: JSON.parse does that after.
 */
function scan(text: string): Shape {
  let depth = 0;
  let stringStart = -1;
  let lastTopLevelString: string | null = null;
  let key: string | null = null;
  let valueStart = 0;
  let variablesChars = 0;
  const endTopLevelValue = (end: number) => {
    if (key === 'variables') variablesChars = Math.max(variablesChars, end - valueStart);
    key = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (stringStart >= 0) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        if (depth === 1) lastTopLevelString = text.slice(stringStart, i + 1);
        stringStart = -1;
      }
      continue;
    }
    if (c === QUOTE) stringStart = i;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: true, variablesChars };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 1) endTopLevelValue(i);
      depth--;
    } else if (depth === 1 && c === COMMA) endTopLevelValue(i);
    else if (depth === 1 && c === COLON && lastTopLevelString !== null) {
      key = decodeKey(lastTopLevelString);
      valueStart = i + 1;
    }
  }
  return { tooDeep: false, variablesChars };
}

function decodeKey(quoted: string): string | null {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
}

function refuse(shape: Shape): void {
  if (shape.tooDeep) {
    throw new HttpError(400, 'JSON_TOO_DEEP', `JSON may nest at most ${MAX_JSON_DEPTH} levels of objects and arrays`, { maxDepth: MAX_JSON_DEPTH });
  }
  if (shape.variablesChars > MAX_VARIABLES_CHARS) {
    throw new HttpError(413, 'VARIABLES_TOO_LARGE', `"variables" is limited to ${MAX_VARIABLES_CHARS} characters of JSON`, { maxChars: MAX_VARIABLES_CHARS });
  }
}

/** Refuses a POST body nested too deeply or carrying too large `variables`, before it is parsed. */
export function refuseHostileBody(text: string): void {
  refuse(scan(text));
}

/** The same bounds for GET's `variables` and `extensions` parameters, which Apollo parses. */
export function refuseHostileSearchParams(params: URLSearchParams): void {
  const variables = params.get('variables') ?? '';
  const extensions = params.get('extensions') ?? '';
  refuse({ tooDeep: scan(variables).tooDeep || scan(extensions).tooDeep, variablesChars: variables.length });
}
