import { InitialSchema1795682506836 } from './1795682506836-initial-schema';
import { ApplicantCreditAndChargeOff1796160441465 } from './1796160441465-applicant-credit-and-charge-off';
import { WorkerLeases1796161643686 } from './1796161643686-worker-leases';
import { PlanStatusCountIndexes1796163757806 } from './1796163757806-plan-status-count-indexes';
import { StatusCheckDates1796165129817 } from './1796165129817-status-check-dates';
import { PlanStatusCounts1796192396933 } from './1796192396933-plan-status-counts';
import { RefundedAfterPayoff1796689220792 } from './1796689220792-refunded-after-payoff';

/** Applied in this order; append, never edit a migration that has shipped. */
export const SQLITE_MIGRATIONS = [
  InitialSchema1795682506836,
  ApplicantCreditAndChargeOff1796160441465,
  WorkerLeases1796161643686,
  PlanStatusCountIndexes1796163757806,
  StatusCheckDates1796165129817,
  PlanStatusCounts1796192396933,
  RefundedAfterPayoff1796689220792,
];
