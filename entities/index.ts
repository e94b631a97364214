import { ApiKey } from './api-key.entity';
import { ApplicantCreditLock } from './applicant-credit-lock.entity';
import { ApplicationEvent } from './application-event.entity';
import { Application } from './application.entity';
import { FinancingProgram } from './financing-program.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Installment } from './installment.entity';
import { Merchant } from './merchant.entity';
import { Offer } from './offer.entity';
import { Partner } from './partner.entity';
import { PlanEvent } from './plan-event.entity';
import { PlanStatusCountCheck } from './plan-status-count-check.entity';
import { PlanStatusCount } from './plan-status-count.entity';
import { Plan } from './plan.entity';
import { Refund } from './refund.entity';
import { RepaymentAllocation } from './repayment-allocation.entity';
import { Repayment } from './repayment.entity';

export {
  ApiKey, ApplicantCreditLock, Application, ApplicationEvent, FinancingProgram, IdempotencyRecord, Installment, Merchant, Offer, Partner, Plan,
  PlanEvent, PlanStatusCount, PlanStatusCountCheck, Refund, Repayment, RepaymentAllocation,
};
export type { Role } from './api-key.entity';

export const ALL_ENTITIES = [
  Partner, ApiKey, Merchant, FinancingProgram, Application, Offer, Plan, Installment, Repayment,
  RepaymentAllocation, Refund, PlanEvent, IdempotencyRecord, ApplicantCreditLock,
  ApplicationEvent, PlanStatusCount, PlanStatusCountCheck,
];
