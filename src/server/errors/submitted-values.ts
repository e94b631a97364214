import { GraphQLError } from 'graphql';
import { ScalarInputError } from '../../../resolvers/common/scalars';

/**
 * graphql-js (and graphql-jit) quote what they refuse: a phone sent as a number answers "Variable
 * "$input" got invalid value 15550142377 at …", an email sent as a list repeats the email, a
 * literal repeats itself in "String cannot represent a non string value: …". No answer may repeat a
 * submitted value (docs/api.md "Errors and codes"), so these messages are rebuilt from their parts
 * that name the place and the expected type. Called by normalizeError for client errors only: a
 * request without errors never reaches this.
 *
 * A message of an unknown shape that starts like a coercion error loses everything but the
 * variable's name, so a new wording (an upgrade) can cost detail, never privacy; the table of
 * shapes is pinned by test/server/submitted-values.test.ts against graphql-js's own errors.
 */
export function withoutSubmittedValues(message: string, thrown: unknown): string {
  if (message.startsWith('Variable "$')) return variableMessage(message, thrown);
  if (message.startsWith('Syntax Error: ')) return message.replace(TOKEN_VALUE, '$1 $2.');
  if (message.startsWith('Argument "')) return message.replace(ARGUMENT_VALUE, 'Argument "$1" has an invalid value.');
  const expected = expectedType(message);
  // A literal in the document that its type refuses (validation): graphql-js prints the literal.
  return expected ? `Expected value of type "${expected}".` : message;
}

/** graphql-js 16 ("got") and 17 ("has"); graphql-jit words them as graphql-js 16 does. */
const COERCION = /^Variable "\$([_A-Za-z]\w*)" (?:got|has) invalid value /;
/** The path graphql-js appends to the inspected value: names and indexes only, so never part of a value. */
const PATH_AT_END = / at "([_A-Za-z]\w*(?:\.[_A-Za-z]\w*|\[\d+\])*)"$/;
/** "…, found String "the literal"." and "Unexpected Int "123".": the token's text goes. */
const TOKEN_VALUE = /^(Syntax Error: (?:Expected .*?, found|Unexpected)) (String|BlockString|Int|Float|Name) ".*"\.$/s;
const ARGUMENT_VALUE = /^Argument "([_A-Za-z]\w*)" has invalid value .*$/s;

function variableMessage(message: string, thrown: unknown): string {
  const coercion = COERCION.exec(message);
  // "of required type "T" was not provided" and "of non-null type "T" must not be null" quote nothing.
  if (!coercion) return message;
  const variable = `Variable "$${coercion[1]}"`;
  const inner = thrown instanceof GraphQLError ? thrown.originalError : undefined;
  // graphql-js: `${prefix}; ${inner.message}`, the prefix ending in the path when there is one.
  if (!inner || !message.endsWith(`; ${inner.message}`)) return `${variable} got an invalid value`;
  const prefix = message.slice(0, message.length - inner.message.length - 2);
  let path = PATH_AT_END.exec(prefix)?.[1];
  const missing = MISSING_FIELD.exec(inner.message);
  if (missing) path = `${path ?? coercion[1]}.${missing[1]}`;
  const at = path ? `${variable} at "${path}"` : variable;
  if (inner instanceof ScalarInputError) return `${at}: ${inner.message}`;
  if (missing) return `${at}: expected ${missing[2]}, none was given`;
  const unknownField = UNKNOWN_FIELD.exec(inner.message);
  if (unknownField) return `${at}: expected ${unknownField[1]}, which does not define a field given`;
  const expected = expectedType(inner.message);
  return expected ? `${at}: expected ${expected}` : `${at}: invalid value`;
}

const MISSING_FIELD = /^Field "([_A-Za-z]\w*)" of required type "([^"]+)" was not provided\.$/;
const UNKNOWN_FIELD = /is not defined by type "([_A-Za-z]\w*)"\.(?: Did you mean .*)?$/s;

/**
 * The type a refusal names: a built-in scalar's ("String cannot represent a non string value: 42"),
 * an enum's, coerceInputValue's ("Expected type "X" to be an object."), ValuesOfCorrectTypeRule's
 * ("Expected value of type "T!", found 42."). Each pattern is anchored where graphql-js writes the
 * type, before or after the quoted value, so a value cannot pose as a type.
 */
const EXPECTED_TYPE: RegExp[] = [
  /^(Int|Float|String|Boolean|ID) cannot represent /,
  /^Enum "([_A-Za-z]\w*)" cannot represent /,
  /^Value .* does not exist in "([_A-Za-z]\w*)" enum\.(?: Did you mean .*)?$/s,
  /^Expected value of type "([^"]+)", found /,
  /^Expected non-nullable type "([^"]+)" not to be null\.$/,
  /^Expected type "([_A-Za-z]\w*)"(?: to be an object)?\./,
  /^Exactly one key must be specified for OneOf type "([_A-Za-z]\w*)"\.$/,
];

function expectedType(message: string): string | undefined {
  for (const pattern of EXPECTED_TYPE) {
    const match = pattern.exec(message);
    if (match) return match[1];
  }
  return undefined;
}
