import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { CurrencyCode, Money } from '../common/money.type';
import { Node } from '../common/node.interface';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../common/scalars';
import { ProgramKind } from '../merchant/merchant.type';
import { toMoney } from '../../src/services/money';
import { settlementOf } from '../../src/services/plan-view';
import {
  amountPastDue, formatRate, INSTALLMENT_STATUSES_AS_OF, type Minor, installmentStatusAt, type InstallmentStatusAsOf, type IsoDate, PLAN_STATUSES,
  type PlanStatus as DomainPlanStatus, REPAYMENT_STATUSES, type RepaymentStatus as DomainRepaymentStatus,
} from '../../src/engine';
import { graphqlEnum } from '../common/graphql-enum';
import type {
  Installment as InstallmentRow, Plan as PlanRow, PlanEvent as PlanEventRow, Refund as RefundRow,
  Repayment as RepaymentRow, RepaymentAllocation as AllocationRow,
} from '../../entities';

export const PlanStatus = graphqlEnum(PLAN_STATUSES);
export type PlanStatus = DomainPlanStatus;
registerEnumType(PlanStatus, { name: 'PlanStatus' });

/** What a reader sees: the stored statuses and PAST_DUE, which only a read derives. */
export const InstallmentStatus = graphqlEnum(INSTALLMENT_STATUSES_AS_OF);
export type InstallmentStatus = InstallmentStatusAsOf;
registerEnumType(InstallmentStatus, {
  name: 'InstallmentStatus',
  description: 'PAST_DUE: its due date has passed (in the lender\'s time zone) and it is not fully paid; see amountPastDue. CANCELLED: nothing is owed any more (refunded).',
});

export const RepaymentStatus = graphqlEnum(REPAYMENT_STATUSES);
export type RepaymentStatus = DomainRepaymentStatus;
registerEnumType(RepaymentStatus, { name: 'RepaymentStatus' });

@ObjectType({ simpleResolvers: true, description: 'Regulation Z (Truth in Lending) disclosure of the plan as captured.' })
export class Disclosure {
  @Field(() => Money) amountFinanced!: Money;
  @Field(() => Money) financeCharge!: Money;
  @Field(() => Money) totalOfPayments!: Money;
  @Field(() => DecimalScalar, { description: 'Annual percentage rate by the actuarial method, percent.' }) apr!: string;
}

/**
 * Lists of installments are the bulk of a nested read: fields are getters over the row, so only what a
 * query selects is formatted (and allocated).
 */
@ObjectType({ simpleResolvers: true, implements: Node })
export class Installment extends Node {
  constructor(private readonly row: InstallmentRow, private readonly currencyCode: CurrencyCode, private readonly today: IsoDate) {
    super();
  }

  /** `today`: the request's business date, which PAST_DUE and amountPastDue are judged by. */
  static from(row: InstallmentRow, currency: CurrencyCode, today: IsoDate): Installment {
    return new Installment(row, currency, today);
  }

  get id(): string {
    return toGlobalId('Installment', this.row.id);
  }

  @Field(() => Int) get sequence(): number {
    return this.row.sequence;
  }

  @Field(() => DateScalar) get dueDate(): string {
    return this.row.dueDate;
  }

  @Field(() => Money, { description: 'What is owed for this installment now (after refunds or an early payoff).' })
  get amountDue(): Money {
    return toMoney(this.row.amountDue, this.currencyCode);
  }

  @Field(() => Money) get principal(): Money {
    return toMoney(this.row.principal, this.currencyCode);
  }

  @Field(() => Money) get interest(): Money {
    return toMoney(this.row.interest, this.currencyCode);
  }

  @Field(() => Money) get amountPaid(): Money {
    return toMoney(this.row.amountPaid, this.currencyCode);
  }

  @Field(() => InstallmentStatus, { description: 'As of the server clock\'s business date.' }) get status(): InstallmentStatus {
    return installmentStatusAt(this.row, this.today);
  }

  @Field(() => Money, { description: 'The unpaid part of this installment once its due date has passed; zero before.' })
  get amountPastDue(): Money {
    return toMoney(amountPastDue(this.row, this.today), this.currencyCode);
  }
}

@ObjectType({ simpleResolvers: true, description: 'The part of a repayment applied to one installment.' })
export class RepaymentAllocation {
  @Field(() => Int) installmentSequence!: number;
  @Field(() => Money) principal!: Money;
  @Field(() => Money) interest!: Money;

  static from(row: AllocationRow, currency: CurrencyCode): RepaymentAllocation {
    return { installmentSequence: row.sequence, principal: toMoney(row.principal, currency), interest: toMoney(row.interest, currency) };
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A payment by the shopper.' })
export class Repayment extends Node {
  constructor(readonly row: RepaymentRow) {
    super();
  }

  static from(row: RepaymentRow): Repayment {
    return new Repayment(row);
  }

  get id(): string {
    return toGlobalId('Repayment', this.row.id);
  }

  @Field(() => Money) get amount(): Money {
    return toMoney(this.row.amount, this.row.currency);
  }

  @Field(() => RepaymentStatus) get status(): RepaymentStatus {
    return this.row.status;
  }

  @Field(() => DateScalar) get effectiveDate(): string {
    return this.row.effectiveDate;
  }

  @Field(() => DateTimeScalar) get createdAt(): Date {
    return this.row.createdAt;
  }

  @Field(() => DateTimeScalar, { nullable: true }) get reversedAt(): Date | null {
    return this.row.reversedAt;
  }

  @Field(() => String, { nullable: true }) get reversalReason(): string | null {
    return this.row.reversalReason;
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Money the merchant gave back, reducing what the shopper owes.' })
export class Refund extends Node {
  id!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => Money, { description: 'Already paid by the shopper beyond the new total, returned to them.' }) creditReturned!: Money;
  @Field(() => Money, { description: 'Merchant fee given back to the merchant with this refund.' }) merchantFeeReversed!: Money;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateScalar) effectiveDate!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(row: RefundRow): Refund {
    return Object.assign(new Refund(), {
      id: toGlobalId('Refund', row.id), amount: toMoney(row.amount, row.currency),
      creditReturned: toMoney(row.creditReturned, row.currency), merchantFeeReversed: toMoney(row.merchantFeeReversed, row.currency),
      reason: row.reason, effectiveDate: row.effectiveDate, createdAt: row.createdAt,
    });
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'One entry of a plan\'s append-only audit trail.' })
export class PlanEvent extends Node {
  id!: string;
  @Field() type!: string;
  @Field(() => PlanStatus, { nullable: true }) fromStatus!: PlanStatus | null;
  @Field(() => PlanStatus, { nullable: true }) toStatus!: PlanStatus | null;
  @Field(() => Money, { nullable: true }) amount!: Money | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(row: PlanEventRow, currency: CurrencyCode): PlanEvent {
    return Object.assign(new PlanEvent(), {
      id: toGlobalId('PlanEvent', row.id), type: row.type,
      fromStatus: row.fromStatus, toStatus: row.toStatus,
      amount: row.amount === null ? null : toMoney(row.amount, currency), requestId: row.requestId, createdAt: row.createdAt,
    });
  }
}

/** Fields are getters over the row: a page of 100 plans formats only the amounts a query selects. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A payment plan: the loan that follows an accepted offer.' })
export class Plan extends Node {
  constructor(readonly row: PlanRow) {
    super();
  }

  static from(row: PlanRow): Plan {
    return new Plan(row);
  }

  private money(minor: Minor): Money {
    return toMoney(minor, this.row.currency);
  }

  get id(): string {
    return toGlobalId('Plan', this.row.id);
  }

  @Field(() => ProgramKind) get kind(): ProgramKind {
    return this.row.kind;
  }

  @Field(() => Int) get termCount(): number {
    return this.row.termCount;
  }

  @Field(() => CurrencyCode) get currency(): CurrencyCode {
    return this.row.currency;
  }

  @Field(() => DecimalScalar, { description: 'Nominal APR of the plan, percent.' }) get apr(): string {
    return formatRate(this.row.aprBps);
  }

  @Field(() => Money, { description: 'Amount the shopper was approved for at checkout.' }) get authorizedAmount(): Money {
    return this.money(this.row.authorizedAmount);
  }

  @Field(() => Money, { description: 'Captured principal (zero until captured).' }) get principal(): Money {
    return this.money(this.row.principal);
  }

  @Field(() => Money) get refundedAmount(): Money {
    return this.money(this.row.refundedAmount);
  }

  @Field(() => Money, { description: 'Merchant discount fee on the captured amount net of refunds.' }) get merchantFee(): Money {
    return this.money(this.row.merchantFee);
  }

  @Field(() => Money, { description: 'What the lender settles to the merchant: captured - refunded - fee.' }) get settlementAmount(): Money {
    return this.money(settlementOf(this.row));
  }

  @Field(() => DateScalar, { nullable: true }) get capturedOn(): string | null {
    return this.row.capturedOn;
  }

  @Field(() => DateTimeScalar) get authorizationExpiresAt(): Date {
    return this.row.authorizationExpiresAt;
  }

  @Field(() => DateTimeScalar) get createdAt(): Date {
    return this.row.createdAt;
  }
}

@ArgsType()
export class PlanConnectionArgs extends ConnectionArgs {
  @Field(() => PlanStatus, { nullable: true, description: 'Only plans with this status.' })
  status?: PlanStatus;
}

// Plans' totalCount is read from the plan status counters (src/db/repositories/plan-status-count.repository.ts).
export const PlanConnection = connectionType(Plan, 'Plan', { exactCount: true });
export const RepaymentConnection = connectionType(Repayment, 'Repayment');
export const PlanEventConnection = connectionType(PlanEvent, 'PlanEvent');
