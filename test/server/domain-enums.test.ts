import 'reflect-metadata';
import { GraphQLEnumType, GraphQLSchema } from 'graphql';
import {
  APPLICATION_STATUSES, CURRENCY_CODES, INSTALLMENT_STATUSES_AS_OF, PLAN_STATUSES, PROGRAM_KINDS, REPAYMENT_STATUSES,
} from '../../src/engine';
import { graphqlEnum } from '../../resolvers/common/graphql-enum';
import { buildTenorSchema } from '../../src/server/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTenorSchema();
});

const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map(({ name: n, value }) => [n, value]);

describe(graphqlEnum.name, () => {
  it('maps each value of a tuple to itself, in order', () => {
    expect(graphqlEnum(['A', 'B'] as const)).toEqual({ A: 'A', B: 'B' });
  });

  it.each([
    ['PlanStatus', PLAN_STATUSES],
    ['InstallmentStatus', INSTALLMENT_STATUSES_AS_OF],
    ['ApplicationStatus', APPLICATION_STATUSES],
    ['RepaymentStatus', REPAYMENT_STATUSES],
    ['ProgramKind', PROGRAM_KINDS],
    ['CurrencyCode', CURRENCY_CODES],
  ])('gives the schema enum %s exactly the engine tuple, each name its own value', (name, tuple) => {
    expect(enumValues(name)).toEqual(tuple.map((value) => [value, value]));
  });
});
