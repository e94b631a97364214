import { IsEmail, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../common/money.type';
import { DateScalar } from '../common/scalars';

const KEY_DOC = 'Unique per request you mean to make once (1-255 characters). A retry with the same key and input replays the first result; the same key with another input is refused.';

@InputType()
export class ApplicantInput {
  @Field() @Length(1, 100) firstName!: string;
  @Field() @Length(1, 100) lastName!: string;
  @Field() @IsEmail() @MaxLength(254) email!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 32) phone?: string | null;
  @Field(() => Int, { nullable: true, description: 'FICO-style score 300-850 for the demo underwriting policy.' })
  @IsOptional() @IsInt() @Min(300) @Max(850) creditScore?: number | null;
}

@InputType()
export class CreateApplicationInput {
  @Field(() => ID) merchantId!: string;
  @Field(() => MoneyInput) @ValidateNested() amount!: MoneyInput;
  @Field(() => ApplicantInput) @ValidateNested() applicant!: ApplicantInput;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class AcceptOfferInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => String) offerId!: string;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class CapturePlanInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput, { nullable: true, description: 'Omitted: the whole authorized amount. Less: the rest of the authorization is released.' })
  amount?: MoneyInput | null;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class VoidPlanInput {
  @Field(() => ID) planId!: string;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class RefundPlanInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput) amount!: MoneyInput;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) reason?: string | null;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class RecordRepaymentInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput) amount!: MoneyInput;
  @Field(() => DateScalar, { nullable: true, description: 'When the money was received; default today, never in the future.' })
  effectiveDate?: string | null;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}

@InputType()
export class ReverseRepaymentInput {
  @Field(() => ID) repaymentId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) reason?: string | null;
  @Field({ description: KEY_DOC }) @Length(1, 255) idempotencyKey!: string;
}
