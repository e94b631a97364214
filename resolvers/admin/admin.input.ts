import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { StoredTextField } from '../common/input-validation';
import { CurrencyCode, MoneyInput } from '../common/money.type';
import { DecimalScalar } from '../common/scalars';
import { ProgramKind } from '../merchant/merchant.type';
import { Role } from '../viewer/viewer.type';
import { STORED_TEXT } from '../../src/services/stored-text';
import { PROGRAM_LIMITS } from '../../src/services/lending-policy';
import { formatRate } from '../../src/engine';

@InputType()
export class CreatePartnerInput {
  @Field() @StoredTextField(STORED_TEXT.partnerName) name!: string;
  @Field() @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class CreateMerchantInput {
  @Field(() => ID) partnerId!: string;
  @Field() @StoredTextField(STORED_TEXT.merchantName) name!: string;
  @Field(() => CurrencyCode) currency!: CurrencyCode;
  @Field() @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class CreateFinancingProgramInput {
  @Field(() => ID) merchantId!: string;
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => Int) @IsInt() @Min(1) @Max(PROGRAM_LIMITS.maxTermMonths) termCount!: number;
  @Field(() => DecimalScalar, { description: `APR percent, "0.00" to "${formatRate(PROGRAM_LIMITS.maxAprBps)}".` }) apr!: string;
  @Field(() => DecimalScalar, { description: 'Merchant discount rate, percent of the captured amount.' }) merchantFeeRate!: string;
  @Field(() => MoneyInput) @ValidateNested() minAmount!: MoneyInput;
  @Field(() => MoneyInput) @ValidateNested() maxAmount!: MoneyInput;
  @Field() @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class RetireFinancingProgramInput {
  @Field(() => ID) programId!: string;
}

@InputType()
export class IssueApiKeyInput {
  @Field() @StoredTextField(STORED_TEXT.apiKeyName) name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID, { nullable: true, description: 'Required for PARTNER keys, refused for others.' }) partnerId?: string | null;
  @Field() @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID) apiKeyId!: string;
}
