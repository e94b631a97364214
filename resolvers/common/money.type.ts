import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from './scalars';
import { graphqlEnum } from './graphql-enum';
import { CURRENCY_CODES, type CurrencyCode as DomainCurrencyCode } from '../../src/engine';

export const CurrencyCode = graphqlEnum(CURRENCY_CODES);
export type CurrencyCode = DomainCurrencyCode;
registerEnumType(CurrencyCode, { name: 'CurrencyCode', description: 'ISO 4217 currencies Tenor lends in.' });

@ObjectType({ simpleResolvers: true, description: 'An exact amount of money: a decimal string with exactly the currency\'s minor digits.' })
export class Money {
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => CurrencyCode) currency!: CurrencyCode;
}

@InputType({ description: 'An amount of money. The amount must not have more decimals than the currency has.' })
export class MoneyInput {
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => CurrencyCode) currency!: CurrencyCode;
}
