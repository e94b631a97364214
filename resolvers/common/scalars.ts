import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isIsoDate } from '../../src/engine';

const MAX_DECIMAL_LENGTH = 64;

/**
 * A scalar refusing an input value, as a variable or a literal: the message names the format and
 * never the value (no answer repeats what was sent, docs/api.md "Errors and codes"). The error
 * normalizer keeps these messages as they are and rewrites graphql-js's own, which quote the value.
 */
export class ScalarInputError extends GraphQLError {
  constructor(message: string, literal?: ValueNode) {
    super(message, { nodes: literal, extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * An exact decimal carried as a string ("161.34"), so no client or server ever turns money into a
 * binary float. Numbers are refused on input for the same reason. The digits themselves are checked
 * where the currency is known (a mutation reports a bad amount as a userError naming the field).
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "161.34". Amounts carry exactly their currency\'s minor digits.',
  // The lexical form of XML Schema's decimal: digits with an optional sign and decimal point, no exponent.
  specifiedByURL: 'https://www.w3.org/TR/xmlschema11-2/#decimal',
  serialize: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Decimal values are produced as strings');
    return value;
  },
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

function parseDecimal(value: unknown, literal?: ValueNode): string {
  if (typeof value !== 'string' || value.length > MAX_DECIMAL_LENGTH) {
    throw new ScalarInputError(`Decimal must be a string such as "100.00", of at most ${MAX_DECIMAL_LENGTH} characters`, literal);
  }
  return value;
}

function parseDate(value: unknown, literal?: ValueNode): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new ScalarInputError('Date must be a calendar date such as "2027-01-15"', literal);
  }
  return value;
}

/**
 * Calendar date, "2027-01-15", kept as a string end to end. Output values come from the database
 * already in this form; serializing them without re-validation matters on lists of installments.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in ISO 8601, e.g. "2027-01-15".',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Date values are produced as strings');
    return value;
  },
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

const dateTime = DateTimeResolver.toConfig();
const DATE_TIME_FORMAT = 'DateTime must be an ISO 8601 date-time such as "2027-03-01T15:00:00Z"';

/**
 * Instant in ISO 8601, UTC: graphql-scalars' DateTime with the URL of the specification it follows.
 * Its refusals quote the value they refuse, hence refused here in our words.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTime,
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
  parseValue: (value) => {
    try {
      return dateTime.parseValue!(value);
    } catch {
      throw new ScalarInputError(DATE_TIME_FORMAT);
    }
  },
  parseLiteral: (ast, variables) => {
    try {
      return dateTime.parseLiteral!(ast, variables);
    } catch {
      throw new ScalarInputError(DATE_TIME_FORMAT, ast);
    }
  },
});
