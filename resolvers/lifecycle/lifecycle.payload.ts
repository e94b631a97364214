import { Field, ObjectType } from 'type-graphql';
import { Application } from '../application/application.type';
import { UserError } from '../common/user-error.type';
import { Plan, Refund, Repayment } from '../plan/plan.type';

@ObjectType()
export class CreateApplicationPayload {
  @Field(() => Application, { nullable: true, description: 'Also set when declined: the decision is recorded.' }) application!: Application | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class PlanPayload {
  @Field(() => Plan, { nullable: true }) plan!: Plan | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class AcceptOfferPayload extends PlanPayload {}

@ObjectType()
export class CapturePlanPayload extends PlanPayload {}

@ObjectType()
export class VoidPlanPayload extends PlanPayload {}

@ObjectType()
export class RefundPlanPayload extends PlanPayload {
  @Field(() => Refund, { nullable: true }) refund!: Refund | null;
}

@ObjectType()
export class RecordRepaymentPayload extends PlanPayload {
  @Field(() => Repayment, { nullable: true }) repayment!: Repayment | null;
}

@ObjectType()
export class ReverseRepaymentPayload extends PlanPayload {
  @Field(() => Repayment, { nullable: true }) repayment!: Repayment | null;
}
