import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { CurrencyCode, Money } from '../common/money.type';
import { Node } from '../common/node.interface';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../common/scalars';
import { ProgramKind } from '../merchant/merchant.type';
import { toMoney } from '../../src/services/money';
import { formatRate } from '../../src/services/rates';
import { settlementOf } from '../../src/services/plan-view';
import type {
  Installment as InstallmentRow, Plan as PlanRow, PlanEvent as PlanEventRow, Refund as RefundRow,
  Repayment as RepaymentRow, RepaymentAllocation as AllocationRow,
} from '../../entities';

export enum PlanStatus {
  AUTHORIZED = 'AUTHORIZED',
  ACTIVE = 'ACTIVE',
  DELINQUENT = 'DELINQUENT',
  PAID_OFF = 'PAID_OFF',
  REFUNDED = 'REFUNDED',
  VOIDED = 'VOIDED',
  EXPIRED = 'EXPIRED',
  CHARGED_OFF = 'CHARGED_OFF',
}
registerEnumType(PlanStatus, { name: 'PlanStatus' });

export enum InstallmentStatus {
  PENDING = 'PENDING',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
}
registerEnumType(InstallmentStatus, { name: 'InstallmentStatus', description: 'CANCELLED: nothing is owed any more (refunded or waived).' });

export enum RepaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  REVERSED = 'REVERSED',
}
registerEnumType(RepaymentStatus, { name: 'RepaymentStatus' });

@ObjectType({ simpleResolvers: true, description: 'Regulation Z (Truth in Lending) disclosure of the plan as captured.' })
export class Disclosure {
  @Field(() => Money) amountFinanced!: Money;
  @Field(() => Money) financeCharge!: Money;
  @Field(() => Money) totalOfPayments!: Money;
  @Field(() => DecimalScalar, { description: 'Annual percentage rate by the actuarial method, percent.' }) apr!: string;
}

@ObjectType({ simpleResolvers: true, implements: Node })
export class Installment extends Node {
  @Field(() => Int) sequence!: number;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => Money, { description: 'What is owed for this installment now (after refunds or an early payoff).' }) amountDue!: Money;
  @Field(() => Money) principal!: Money;
  @Field(() => Money) interest!: Money;
  @Field(() => Money) amountPaid!: Money;
  @Field(() => InstallmentStatus) status!: InstallmentStatus;

  static from(row: InstallmentRow, currency: string): Installment {
    return Object.assign(new Installment(), {
      id: toGlobalId('Installment', row.id), sequence: row.sequence, dueDate: row.dueDate,
      amountDue: toMoney(row.amountDue, currency), principal: toMoney(row.principal, currency),
      interest: toMoney(row.interest, currency), amountPaid: toMoney(row.amountPaid, currency),
      status: row.status as InstallmentStatus,
    });
  }
}

@ObjectType({ simpleResolvers: true, description: 'The part of a repayment applied to one installment.' })
export class RepaymentAllocation {
  @Field(() => Int) installmentSequence!: number;
  @Field(() => Money) principal!: Money;
  @Field(() => Money) interest!: Money;

  static from(row: AllocationRow, currency: string): RepaymentAllocation {
    return { installmentSequence: row.sequence, principal: toMoney(row.principal, currency), interest: toMoney(row.interest, currency) };
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A payment by the shopper.' })
export class Repayment extends Node {
  @Field(() => Money) amount!: Money;
  @Field(() => RepaymentStatus) status!: RepaymentStatus;
  @Field(() => DateScalar) effectiveDate!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) reversedAt!: Date | null;
  @Field(() => String, { nullable: true }) reversalReason!: string | null;
  row!: RepaymentRow;

  static from(row: RepaymentRow): Repayment {
    return Object.assign(new Repayment(), {
      id: toGlobalId('Repayment', row.id), row, amount: toMoney(row.amount, row.currency),
      status: row.status as RepaymentStatus, effectiveDate: row.effectiveDate, createdAt: row.createdAt,
      reversedAt: row.reversedAt, reversalReason: row.reversalReason,
    });
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Money the merchant gave back, reducing what the shopper owes.' })
export class Refund extends Node {
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
  @Field() type!: string;
  @Field(() => PlanStatus, { nullable: true }) fromStatus!: PlanStatus | null;
  @Field(() => PlanStatus, { nullable: true }) toStatus!: PlanStatus | null;
  @Field(() => Money, { nullable: true }) amount!: Money | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(row: PlanEventRow, currency: string): PlanEvent {
    return Object.assign(new PlanEvent(), {
      id: toGlobalId('PlanEvent', row.id), type: row.type,
      fromStatus: row.fromStatus as PlanStatus | null, toStatus: row.toStatus as PlanStatus | null,
      amount: row.amount === null ? null : toMoney(row.amount, currency), requestId: row.requestId, createdAt: row.createdAt,
    });
  }
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A payment plan: the loan that follows an accepted offer.' })
export class Plan extends Node {
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => Int) termCount!: number;
  @Field(() => CurrencyCode) currency!: CurrencyCode;
  @Field(() => DecimalScalar, { description: 'Nominal APR of the plan, percent.' }) apr!: string;
  @Field(() => Money, { description: 'Amount the shopper was approved for at checkout.' }) authorizedAmount!: Money;
  @Field(() => Money, { description: 'Captured principal (zero until captured).' }) principal!: Money;
  @Field(() => Money) refundedAmount!: Money;
  @Field(() => Money, { description: 'Merchant discount fee on the captured amount net of refunds.' }) merchantFee!: Money;
  @Field(() => Money, { description: 'What the lender settles to the merchant: captured - refunded - fee.' }) settlementAmount!: Money;
  @Field(() => DateScalar, { nullable: true }) capturedOn!: string | null;
  @Field(() => DateTimeScalar) authorizationExpiresAt!: Date;
  @Field(() => DateTimeScalar) createdAt!: Date;
  row!: PlanRow;

  static from(row: PlanRow): Plan {
    const m = (minor: number) => toMoney(minor, row.currency);
    return Object.assign(new Plan(), {
      id: toGlobalId('Plan', row.id), row, kind: row.kind as ProgramKind, termCount: row.termCount,
      currency: row.currency as CurrencyCode, apr: formatRate(row.aprBps),
      authorizedAmount: m(row.authorizedAmount), principal: m(row.principal), refundedAmount: m(row.refundedAmount),
      merchantFee: m(row.merchantFee), settlementAmount: m(settlementOf(row)),
      capturedOn: row.capturedOn, authorizationExpiresAt: row.authorizationExpiresAt, createdAt: row.createdAt,
    });
  }
}

@ArgsType()
export class PlanConnectionArgs extends ConnectionArgs {
  @Field(() => PlanStatus, { nullable: true, description: 'Only plans with this status.' })
  status?: PlanStatus;
}

export const PlanConnection = connectionType(Plan, 'Plan');
export const RepaymentConnection = connectionType(Repayment, 'Repayment');
export const PlanEventConnection = connectionType(PlanEvent, 'PlanEvent');
