import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildTenorSchema } from '../../src/server/schema';
import { isDirectResolver } from '../../src/server/schema-fast-paths';

/** Fields with a resolver of their own, by type: these cost a call (and in graphql-jit a deferred call) per value. */
function fieldsWithResolvers(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields()).filter((field) => field.resolve).map((field) => field.name).sort();
}

function fieldsThroughTypeGraphql(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields()).filter((field) => field.resolve && !isDirectResolver(field.resolve)).map((field) => field.name);
}

describe('per-field resolvers of the types a nested read is made of', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildTenorSchema();
  });

  it('reads getter fields as properties: only fields that load or compute something keep a resolver', () => {
    expect(fieldsWithResolvers(schema, 'Installment')).toEqual([]);
    expect(fieldsWithResolvers(schema, 'Repayment')).toEqual(['allocations']);
    expect(fieldsWithResolvers(schema, 'Plan')).toEqual([
      'application', 'balance', 'daysPastDue', 'disclosure', 'events', 'installments', 'merchant', 'payoffQuote', 'recoveredAmount', 'refunds',
      'repayments', 'status',
    ]);
  });

  it('calls field resolvers directly, without type-graphql\'s per-call handler', () => {
    for (const typeName of ['Merchant', 'Plan', 'Repayment', 'Application']) {
      expect({ typeName, viaTypeGraphql: fieldsThroughTypeGraphql(schema, typeName) }).toEqual({ typeName, viaTypeGraphql: [] });
    }
  });
});
