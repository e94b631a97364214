import { IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { StoredTextField, withCode } from '../common/input-validation';
import { MoneyInput } from '../common/money.type';
import { DateScalar } from '../common/scalars';
import { STORED_TEXT } from '../../src/services/stored-text';

/** 7 to 15 digits (E.164 allows 15), optionally a leading +, spaces, dots, dashes and parentheses. */
const PHONE = /^\+?(?:[ ().-]*[0-9]){7,15}[ ().-]*$/;

const KEY_DOC = 'Unique per request you mean to make once (1-255 characters). A retry with the same key and input replays the first result; the same key with another input is refused.';

@InputType()
export class ApplicantInput {
  @Field() @StoredTextField(STORED_TEXT.applicantFirstName) firstName!: string;
  @Field() @StoredTextField(STORED_TEXT.applicantLastName) lastName!: string;
  @Field() @StoredTextField(STORED_TEXT.applicantEmail, { email: true }) email!: string;
  @Field(() => String, { nullable: true, description: 'Digits with an optional leading +, spaces, dots, dashes or parentheses (at most 32 characters).' })
  @IsOptional() @StoredTextField(STORED_TEXT.applicantPhone) @Matches(PHONE, { message: 'phone must be a phone number (7 to 15 digits)', context: withCode('INVALID_PHONE') })
  phone?: string | null;
  @Field(() => Int, { nullable: true, description: 'FICO-style score 300-850 for the demo underwriting policy.' })
  @IsOptional() @IsInt() @Min(300) @Max(850) creditScore?: number | null;
}

@InputType()
export class CreateApplicationInput {
  @Field(() => ID) merchantId!: string;
  @Field(() => MoneyInput) @ValidateNested() amount!: MoneyInput;
  @Field(() => ApplicantInput) @ValidateNested() applicant!: ApplicantInput;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class AcceptOfferInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => String) offerId!: string;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class CapturePlanInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput, { nullable: true, description: 'Omitted: the whole authorized amount. Less: the rest of the authorization is released.' })
  amount?: MoneyInput | null;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class CancelApplicationInput {
  @Field(() => ID) applicationId!: string;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class VoidPlanInput {
  @Field(() => ID) planId!: string;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class RefundPlanInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput) amount!: MoneyInput;
  @Field(() => String, { nullable: true }) @IsOptional() @StoredTextField(STORED_TEXT.refundReason) reason?: string | null;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class RecordRepaymentInput {
  @Field(() => ID) planId!: string;
  @Field(() => MoneyInput) amount!: MoneyInput;
  @Field(() => DateScalar, { nullable: true, description: 'When the money was received; default today, never in the future.' })
  effectiveDate?: string | null;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}

@InputType()
export class ReverseRepaymentInput {
  @Field(() => ID) repaymentId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @StoredTextField(STORED_TEXT.reversalReason) reason?: string | null;
  @Field({ description: KEY_DOC }) @StoredTextField(STORED_TEXT.idempotencyKey) idempotencyKey!: string;
}
