import {
  getVariableValues, GraphQLBoolean, GraphQLEnumType, GraphQLError, GraphQLFloat, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList,
  GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, OperationDefinitionNode, parse, validate,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../resolvers/common/scalars';
import { asGraphQLJsErrors } from '../../src/server/errors/jit-errors';
import { normalizeError } from '../../src/server/errors/normalize-error';
import { withoutSubmittedValues } from '../../src/server/errors/submitted-values';

// The messages graphql-js 16 and graphql-jit write when they refuse a value, produced by the real
// libraries (an upgrade that rewords them fails here), and what the client reads instead. Every
// submitted string carries "zq", every number the digits 7341.

const Color = new GraphQLEnumType({ name: 'Color', values: { RED: {}, BLUE: {} } });
const Inner = new GraphQLInputObjectType({ name: 'Inner', fields: { x: { type: new GraphQLNonNull(GraphQLString) } } });
const Outer = new GraphQLInputObjectType({
  name: 'Outer',
  fields: {
    s: { type: new GraphQLNonNull(GraphQLString) }, n: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) }, o: { type: Inner }, i: { type: GraphQLInt },
  },
});
const ARGS = {
  s: GraphQLString, i: GraphQLInt, f: GraphQLFloat, b: GraphQLBoolean, id: GraphQLID, e: Color, a: Outer, d: DecimalScalar, date: DateScalar, dt: DateTimeScalar,
};
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { q: { type: GraphQLString, args: Object.fromEntries(Object.entries(ARGS).map(([name, type]) => [name, { type }])), resolve: () => 'ok' } },
  }),
});

const SUBMITTED = /zq|7341/;

/** graphql-js's error for one variable `name` of `type` given `value`. */
function coercionError(type: string, value: unknown): GraphQLError {
  const name = Object.entries(ARGS).find(([, t]) => String(t) === type.replace('!', ''))![0];
  const document = parse(`query($${name}: ${type}) { q(${name}: $${name}) }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const { errors } = getVariableValues(schema, operation.variableDefinitions!, { [name]: value });
  expect(errors).toHaveLength(1);
  return errors![0];
}

describe(withoutSubmittedValues.name, () => {
  it.each([
    ['String', 7341_0001, 'Variable "$s": expected String'],
    ['String', ['zqlist'], 'Variable "$s": expected String'],
    ['Int', 'zqtext', 'Variable "$i": expected Int'],
    ['Int', 7341_000_000_000, 'Variable "$i": expected Int'],
    ['Int', 7341.5, 'Variable "$i": expected Int'],
    ['Float', 'zqtext', 'Variable "$f": expected Float'],
    ['Boolean', 'zqtext', 'Variable "$b": expected Boolean'],
    ['ID', { zq: 7341 }, 'Variable "$id": expected ID'],
    ['ID', 7341.5, 'Variable "$id": expected ID'],
    ['Color', 'zqnope', 'Variable "$e": expected Color'],
    ['Color', 'REDzq', 'Variable "$e": expected Color'],
    ['Color', 7341, 'Variable "$e": expected Color'],
    ['Outer', 'zqtext', 'Variable "$a": expected Outer'],
    ['Outer', { s: null }, 'Variable "$a" at "a.s": expected String!'],
    ['Outer', { n: ['zqok'] }, 'Variable "$a" at "a.s": expected String!, none was given'],
    ['Outer', { s: 'zqok', zqkey: 7341 }, 'Variable "$a": expected Outer, which does not define a field given'],
    ['Outer', { s: 'zqok', n: ['zqok', 7341] }, 'Variable "$a" at "a.n[1]": expected String'],
    ['Outer', { s: 'zqok', o: { x: 7341 } }, 'Variable "$a" at "a.o.x": expected String'],
    ['Outer', { s: 'zqok', o: 'zqtext' }, 'Variable "$a" at "a.o": expected Inner'],
    ['Outer', { s: 'zqok', i: 'zq" at "a.s"' }, 'Variable "$a" at "a.i": expected Int'],
    ['Decimal', 7341, 'Variable "$d": Decimal must be a string such as "100.00", of at most 64 characters'],
    ['Date', 'zq-not-a-date', 'Variable "$date": Date must be a calendar date such as "2027-01-15"'],
    ['DateTime', 'zq-not-a-date', 'Variable "$dt": DateTime must be an ISO 8601 date-time such as "2027-03-01T15:00:00Z"'],
  ])('rewrites a %s variable given %j to name the place and the type', (type, value, expected) => {
    const error = coercionError(type, value);
    if (SUBMITTED.test(JSON.stringify(value))) expect(error.message).toMatch(SUBMITTED);
    expect(withoutSubmittedValues(error.message, error)).toBe(expected);
  });

  it.each([
    ['{ q(s: 7341) }', 'Expected value of type "String".'],
    ['{ q(s: ["zq"]) }', 'Expected value of type "String".'],
    ['{ q(i: "zq") }', 'Expected value of type "Int".'],
    ['{ q(i: 734100000000) }', 'Expected value of type "Int".'],
    ['{ q(f: "zq") }', 'Expected value of type "Float".'],
    ['{ q(b: "zq") }', 'Expected value of type "Boolean".'],
    ['{ q(id: 7341.5) }', 'Expected value of type "ID".'],
    ['{ q(e: zqnope) }', 'Expected value of type "Color".'],
    ['{ q(e: "zq") }', 'Expected value of type "Color".'],
    ['{ q(a: "zq") }', 'Expected value of type "Outer".'],
    ['{ q(a: { s: { zq: 7341 } }) }', 'Expected value of type "String".'],
    ['{ q(d: 7341) }', 'Decimal must be a string such as "100.00", of at most 64 characters'],
    ['{ q(date: "zq") }', 'Date must be a calendar date such as "2027-01-15"'],
    ['{ q(dt: "zq") }', 'DateTime must be an ISO 8601 date-time such as "2027-03-01T15:00:00Z"'],
  ])('rewrites the refusal of the literal in %s to name the expected type', (document, expected) => {
    const errors = validate(schema, parse(document));
    expect(errors).toHaveLength(1);
    expect(withoutSubmittedValues(errors[0].message, errors[0])).toBe(expected);
    // The literal's place in the document is what locates it.
    expect(errors[0].locations).toHaveLength(1);
  });

  it.each([
    ['{ q(s: "zqa" "zqb") }', 'Syntax Error: Expected Name, found String.'],
    ['{ q(s: "zqa") 7341 }', 'Syntax Error: Expected Name, found Int.'],
    ['{ q(s: "zqa") """zqb""" }', 'Syntax Error: Expected Name, found BlockString.'],
  ])('drops the token of a syntax error in %s', (document, expected) => {
    let error: GraphQLError | undefined;
    try {
      parse(document);
    } catch (thrown) {
      error = thrown as GraphQLError;
    }
    expect(error!.message).toMatch(SUBMITTED);
    expect(withoutSubmittedValues(error!.message, error)).toBe(expected);
  });

  it('keeps messages that quote no value', () => {
    for (const message of ['Variable "$s" of required type "String!" was not provided.', 'Cannot query field "zz" on type "Query".', 'first must be between 1 and 100']) {
      expect(withoutSubmittedValues(message, new GraphQLError(message))).toBe(message);
    }
  });

  it('keeps only the variable of a coercion message it cannot take apart', () => {
    const message = 'Variable "$s" got invalid value "zq"; a wording of a later release';
    expect(withoutSubmittedValues(message, new GraphQLError(message))).toBe('Variable "$s" got an invalid value');
  });
});

describe('graphql-jit\'s refusals of variables', () => {
  // graphql-js coerces the variables before graphql-jit runs (jit-gateway.ts); these are graphql-jit's own, were it to refuse one.
  it.each([
    ['$s: String', { s: 7341 }],
    ['$i: Int', { i: 'zqtext' }],
    ['$e: Color', { e: 'zqnope' }],
    ['$a: Outer', { a: { s: 'zqok', zqkey: 7341 } }],
    ['$d: Decimal', { d: 7341 }],
  ])('are BAD_USER_INPUT without the value (%s)', async (definition, variables) => {
    const name = definition.slice(1, definition.indexOf(':'));
    const compiled = compileQuery(schema, parse(`query(${definition}) { q(${name}: $${name}) }`));
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const { errors } = await compiled.query(undefined, {}, variables);
    expect(errors).toHaveLength(1);
    expect(errors![0].message).toMatch(SUBMITTED);
    const { code, formatted, unexpected } = normalizeError(asGraphQLJsErrors(errors! as GraphQLError[])[0]);
    expect({ code, unexpected }).toEqual({ code: 'BAD_USER_INPUT', unexpected: undefined });
    expect(formatted.message).toMatch(new RegExp(`^Variable "\\$\\w+"`));
    expect(JSON.stringify(formatted)).not.toMatch(SUBMITTED);
  });
});
