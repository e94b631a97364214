import { GraphQLObjectType } from 'graphql';
import { buildTenorSchema } from '../../src/server/schema';

/** Fields with a resolver of their own, by type: these cost a call (and in graphql-jit a deferred call) per value. */
function fieldsWithResolvers(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields()).filter((field) => field.resolve).map((field) => field.name).sort();
}

describe('per-field resolvers of the bulk types of a nested read', () => {
  it('reads getter fields as properties: only fields that load or compute something keep a resolver', async () => {
    const schema = await buildTenorSchema();
    const type = (name: string) => schema.getType(name) as GraphQLObjectType;
    expect(fieldsWithResolvers(type('Installment'))).toEqual([]);
    expect(fieldsWithResolvers(type('Repayment'))).toEqual(['allocations']);
    expect(fieldsWithResolvers(type('Plan'))).toEqual([
      'application', 'balance', 'daysPastDue', 'disclosure', 'events', 'installments', 'merchant', 'payoffQuote', 'refunds',
      'repayments', 'status',
    ]);
  });
});
