import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { type CurrencyCode, Money } from '../common/money.type';
import { Node } from '../common/node.interface';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../common/scalars';
import { ProgramKind } from '../merchant/merchant.type';
import { toMoney } from '../../src/services/money';
import { applicantView } from '../../src/services/application-view';
import { offerSchedule } from '../../src/services/offer-view';
import { APPLICATION_STATUSES, applicationStatusAt, formatRate, type ApplicationStatus as DomainApplicationStatus, type ScheduleRow } from '../../src/engine';
import { graphqlEnum } from '../common/graphql-enum';
import type { Viewer } from '../../src/auth/viewer';
import type { Application as ApplicationRow, Offer as OfferRow } from '../../entities';

export const ApplicationStatus = graphqlEnum(APPLICATION_STATUSES);
export type ApplicationStatus = DomainApplicationStatus;
registerEnumType(ApplicationStatus, { name: 'ApplicationStatus' });

@ObjectType({ simpleResolvers: true, description: 'The shopper. Analysts see names, email and phone masked.' })
export class Applicant {
  @Field() firstName!: string;
  @Field() lastName!: string;
  @Field() email!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The instant underwriting decision.' })
export class Decision {
  @Field(() => ApplicationStatus, { description: 'APPROVED or DECLINED as decided.' }) outcome!: ApplicationStatus;
  @Field(() => String, { nullable: true, description: 'Why an application was declined, e.g. CREDIT_SCORE_TOO_LOW.' })
  reasonCode!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One payment of a schedule.' })
export class ScheduledPayment {
  @Field(() => Int) sequence!: number;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => Money) principal!: Money;
  @Field(() => Money) interest!: Money;
}

@ObjectType({
  simpleResolvers: true, implements: Node,
  description: 'Financing terms with their Regulation Z figures: offered with an application, or estimated by paymentEstimates.',
})
export class Offer extends Node {
  /** An application's offer: pass it to acceptOffer. An estimate's id names its program, amount and start date. */
  id!: string;
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => Int) termCount!: number;
  @Field(() => DecimalScalar, { description: 'Disclosed APR (Regulation Z, actuarial method), percent.' }) apr!: string;
  @Field(() => Money) installmentAmount!: Money;
  @Field(() => Money) amountFinanced!: Money;
  @Field(() => Money) financeCharge!: Money;
  @Field(() => Money) totalOfPayments!: Money;
  @Field(() => [ScheduledPayment], { description: 'Payment schedule if captured on the application date; the final one starts at capture.' })
  schedule!: ScheduledPayment[];
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A shopper\'s request for financing at checkout.' })
export class Application extends Node {
  id!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => ApplicationStatus) status!: ApplicationStatus;
  @Field(() => Decision) decision!: Decision;
  @Field(() => Applicant) applicant!: Applicant;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) expiresAt!: Date;
  row!: ApplicationRow;

  /** `now` is required: the status is the one applicationStatusAt gives as of the request's clock. */
  static from(row: ApplicationRow, viewer: Viewer, now: Date): Application {
    return Object.assign(new Application(), {
      id: toGlobalId('Application', row.id), row,
      amount: toMoney(row.amount, row.currency),
      status: applicationStatusAt(row, now),
      decision: { outcome: row.status === 'DECLINED' ? ApplicationStatus.DECLINED : ApplicationStatus.APPROVED, reasonCode: row.declineReason },
      applicant: applicantView(row, viewer),
      createdAt: row.createdAt, expiresAt: row.expiresAt,
    });
  }
}

export const toScheduledPayments = (rows: ScheduleRow[], currency: CurrencyCode): ScheduledPayment[] =>
  rows.map((r) => ({
    sequence: r.sequence, dueDate: r.dueDate,
    amount: toMoney(r.amount, currency), principal: toMoney(r.principal, currency), interest: toMoney(r.interest, currency),
  }));

/** An offer made with an application, as stored, with its schedule from the application's business date. */
export function storedOffer(row: OfferRow, application: ApplicationRow, timeZone: string): Offer {
  const currency = application.currency;
  const schedule = toScheduledPayments(offerSchedule(row, application, timeZone), currency);
  return Object.assign(new Offer(), {
    id: toGlobalId('Offer', row.id), kind: row.kind, termCount: row.termCount,
    apr: formatRate(row.disclosedAprBps),
    installmentAmount: toMoney(row.installmentAmount, currency), amountFinanced: toMoney(row.amountFinanced, currency),
    financeCharge: toMoney(row.financeCharge, currency), totalOfPayments: toMoney(row.totalOfPayments, currency),
    schedule,
  });
}

@ArgsType()
export class ApplicationConnectionArgs extends ConnectionArgs {
  @Field(() => ApplicationStatus, { nullable: true, description: 'Only applications with this decision status.' })
  status?: ApplicationStatus;
}

export const ApplicationConnection = connectionType(Application, 'Application');
