import { EntityReads } from './entity-reads';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ApplicantRepository } from './repositories/applicant.repository';
import { ApplicationRepository } from './repositories/application.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { MerchantRepository } from './repositories/merchant.repository';
import { PartnerRepository } from './repositories/partner.repository';
import { PlanBooksRepository } from './repositories/plan-books.repository';
import { PlanRepository } from './repositories/plan.repository';
import { CounterReadiness, PlanStatusCountRepository } from './repositories/plan-status-count.repository';
import type { Sql } from './sql';

/**
 * The one way to the database: every statement of the services, loaders and the demo seed is a
 * method of one of these, bound to where it runs (a data source outside transactions, the
 * replica for an analyst's reads, or one transaction's connection). One repository per aggregate,
 * each with the SQL it runs written in its file; `reads` serves the loaders and root lists of every
 * entity. A set is created per transaction and is cheap: each repository's statements are built
 * once per data source, when the data source opens (Database.repositories).
 */
export class Repositories {
  readonly reads: EntityReads;
  readonly apiKeys: ApiKeyRepository;
  readonly partners: PartnerRepository;
  readonly merchants: MerchantRepository;
  readonly applications: ApplicationRepository;
  readonly applicants: ApplicantRepository;
  readonly plans: PlanRepository;
  readonly books: PlanBooksRepository;
  readonly idempotency: IdempotencyRepository;
  readonly planCounts: PlanStatusCountRepository;

  /** `readiness`: the data source's memory of whether its counters are exact (null in a transaction: asked each time). */
  constructor(sql: Sql, readiness: CounterReadiness | null = null) {
    this.reads = new EntityReads(sql);
    this.apiKeys = new ApiKeyRepository(sql);
    this.partners = new PartnerRepository(sql);
    this.merchants = new MerchantRepository(sql);
    this.applications = new ApplicationRepository(sql);
    this.applicants = new ApplicantRepository(sql);
    this.plans = new PlanRepository(sql);
    this.books = new PlanBooksRepository(sql);
    this.idempotency = new IdempotencyRepository(sql);
    this.planCounts = new PlanStatusCountRepository(sql, readiness);
  }
}
