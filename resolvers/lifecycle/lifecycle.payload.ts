import { Field, ObjectType } from 'type-graphql';
import { Application } from '../application/application.type';
import { UserError } from '../common/user-error.type';
import { Plan, Refund, Repayment } from '../plan/plan.type';

@ObjectType({ simpleResolvers: true })
export class CreateApplicationPayload {
  @Field(() => Application, { nullable: true, description: 'Also set when declined: the decision is recorded.' }) application!: Application | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CancelApplicationPayload {
  @Field(() => Application, { nullable: true }) application!: Application | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class PlanPayload {
  @Field(() => Plan, { nullable: true }) plan!: Plan | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class AcceptOfferPayload extends PlanPayload {}

@ObjectType({ simpleResolvers: true })
export class CapturePlanPayload extends PlanPayload {}

@ObjectType({ simpleResolvers: true })
export class VoidPlanPayload extends PlanPayload {}

@ObjectType({ simpleResolvers: true })
export class RefundPlanPayload extends PlanPayload {
  @Field(() => Refund, { nullable: true }) refund!: Refund | null;
}

@ObjectType({ simpleResolvers: true })
export class RecordRepaymentPayload extends PlanPayload {
  @Field(() => Repayment, { nullable: true }) repayment!: Repayment | null;
}

@ObjectType({ simpleResolvers: true })
export class ReverseRepaymentPayload extends PlanPayload {
  @Field(() => Repayment, { nullable: true }) repayment!: Repayment | null;
}
