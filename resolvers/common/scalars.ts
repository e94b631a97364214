import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isIsoDate } from '../../src/services/dates';

const MAX_DECIMAL_LENGTH = 64;

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
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal must be a string such as "100.00", not a number', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDecimal(ast.value);
  },
});

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_DECIMAL_LENGTH) {
    const shown = typeof value === 'string' ? `a string of ${value.length} characters` : `a ${typeof value}`;
    throw new GraphQLError(`Decimal must be a string such as "100.00" (at most ${MAX_DECIMAL_LENGTH} characters), got ${shown}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${typeof value}`;
    throw new GraphQLError(`Date must be a calendar date such as "2027-01-15", got ${shown}`, { extensions: { code: 'BAD_USER_INPUT' } });
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
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : ast.kind),
});

/** Instant in ISO 8601, UTC: graphql-scalars' DateTime with the URL of the specification it follows. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});
