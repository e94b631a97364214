import { InitialSchema1795682506908 } from './1795682506908-initial-schema';
import { ApplicantCreditAndChargeOff1796160444048 } from './1796160444048-applicant-credit-and-charge-off';
import { WorkerLeases1796161643686 } from './1796161643686-worker-leases';
import { PlanStatusCountIndexes1796163760127 } from './1796163760127-plan-status-count-indexes';
import { StatusCheckDates1796165133950 } from './1796165133950-status-check-dates';
import { PlanStatusCounts1796192397450 } from './1796192397450-plan-status-counts';
import { RefundedAfterPayoff1796689220792 } from './1796689220792-refunded-after-payoff';
import { CaseSensitiveIdempotencyKeys1796700000000 } from './1796700000000-case-sensitive-idempotency-keys';

/** Applied in this order; append, never edit a migration that has shipped. */
export const MYSQL_MIGRATIONS = [
  InitialSchema1795682506908,
  ApplicantCreditAndChargeOff1796160444048,
  WorkerLeases1796161643686,
  PlanStatusCountIndexes1796163760127,
  StatusCheckDates1796165133950,
  PlanStatusCounts1796192397450,
  RefundedAfterPayoff1796689220792,
  CaseSensitiveIdempotencyKeys1796700000000,
];
