import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CurrencyCode, Money } from '../common/money.type';
import { Node } from '../common/node.interface';
import { DateTimeScalar, DecimalScalar } from '../common/scalars';
import { toGlobalId } from '../common/global-id';
import { connectionType } from '../common/connection';
import { toMoney } from '../../src/services/money';
import type { FinancingProgram as ProgramRow, Merchant as MerchantRow } from '../../entities';
import { formatRate, PROGRAM_KINDS, type ProgramKind as DomainProgramKind } from '../../src/engine';
import { graphqlEnum } from '../common/graphql-enum';

export const ProgramKind = graphqlEnum(PROGRAM_KINDS);
export type ProgramKind = DomainProgramKind;
registerEnumType(ProgramKind, {
  name: 'ProgramKind',
  description: 'PAY_IN_4: four payments every two weeks at 0% APR. INSTALLMENTS: monthly, simple interest.',
});

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A store of a partner that offers financing at checkout.' })
export class Merchant extends Node {
  id!: string;
  @Field() name!: string;
  @Field(() => CurrencyCode) currency!: CurrencyCode;
  @Field(() => DateTimeScalar) createdAt!: Date;
  rowId!: number;
  partnerId!: number;

  static from(row: MerchantRow): Merchant {
    return Object.assign(new Merchant(), {
      id: toGlobalId('Merchant', row.id), rowId: row.id, partnerId: row.partnerId,
      name: row.name, currency: row.currency, createdAt: row.createdAt,
    });
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Terms a merchant offers: kind, number of payments, APR and limits.' })
export class FinancingProgram extends Node {
  id!: string;
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => Int) termCount!: number;
  @Field(() => DecimalScalar, { description: 'Annual percentage rate, percent ("15.00").' }) apr!: string;
  @Field(() => DecimalScalar, { description: 'Merchant discount rate, percent of the captured amount.' }) merchantFeeRate!: string;
  @Field(() => Money) minAmount!: Money;
  @Field(() => Money) maxAmount!: Money;
  @Field({ description: 'Retired programs make no new offers; existing plans keep their terms.' }) active!: boolean;
  merchantId!: number;

  static from(row: ProgramRow): FinancingProgram {
    return Object.assign(new FinancingProgram(), {
      id: toGlobalId('FinancingProgram', row.id), merchantId: row.merchantId,
      kind: row.kind, termCount: row.termCount,
      apr: formatRate(row.aprBps), merchantFeeRate: formatRate(row.merchantFeeBps),
      minAmount: toMoney(row.minAmount, row.currency), maxAmount: toMoney(row.maxAmount, row.currency),
      active: row.retiredAt === null,
    });
  }
}

export const MerchantConnection = connectionType(Merchant, 'Merchant');
