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
  let inString = false;
  // Where the last string at the top level of the body started and ended (a key, once a colon follows).
  let stringStart = -1;
  let keyStart = -1;
  let keyEnd = -1;
  let inVariables = false;
  let valueStart = 0;
  let variablesChars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (depth === 1) {
          keyStart = stringStart;
          keyEnd = i + 1;
        }
      }
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      stringStart = i;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: true, variablesChars };
    } else if (depth === 1 && (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET)) {
      if (inVariables) variablesChars = Math.max(variablesChars, i - valueStart);
      inVariables = false;
      if (c !== COMMA) depth--;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (depth === 1 && c === COLON && keyStart >= 0) {
      inVariables = isVariablesKey(text, keyStart, keyEnd);
      valueStart = i + 1;
    }
  }
  return { tooDeep: false, variablesChars };
}

/** The quoted key at text[start, end) is "variables", escapes included (\u0076ariables is the same key). */
function isVariablesKey(text: string, start: number, end: number): boolean {
  if (end - start === 11) return text.startsWith('"variables"', start);
  if (!text.slice(start, end).includes('\\')) return false;
  try {
    return JSON.parse(text.slice(start, end)) === 'variables';
  } catch {
    return false;
  }
}

function refuse(shape: Shape): void {
  if (shape.tooDeep) {
    throw new HttpError('JSON_TOO_DEEP', `JSON may nest at most ${MAX_JSON_DEPTH} levels of objects and arrays`, { maxDepth: MAX_JSON_DEPTH });
  }
  if (shape.variablesChars > MAX_VARIABLES_CHARS) {
    throw new HttpError('VARIABLES_TOO_LARGE', `"variables" is limited to ${MAX_VARIABLES_CHARS} characters of JSON`, { maxChars: MAX_VARIABLES_CHARS });
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
