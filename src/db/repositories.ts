import { EntityReads } from './entity-reads';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ApplicantRepository } from './repositories/applicant.repository';
import { ApplicationRepository } from './repositories/application.repository';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { MerchantRepository } from './repositories/merchant.repository';
import { PartnerRepository } from './repositories/partner.repository';
import { PlanBooksRepository } from './repositories/plan-books.repository';
import { PlanRepository } from './repositories/plan.repository';
import { CounterReadiness, PlanStatusCountRepository } from './repositories/plan-status-count.repository';
import { WorkerLeaseRepository } from './repositories/worker-lease.repository';
import type { StatementRunner } from './sql/statement-runner';

/**
 * The one way to the database: every statement of the services, loaders, the demo seed and the
 * server's probes is a method of one of these, bound to where it runs (the database outside
 * transactions, the replica for an analyst's reads, or one transaction's connection). One repository
 * per aggregate, each declaring the SQL it runs in its file (committed as run in src/db/queries/);
 * `reads` serves the loaders and root lists of every entity. A set is created per transaction and is
 * cheap: each repository's statements are built once per database, when it opens (Database.repositories).
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
  readonly leases: WorkerLeaseRepository;
  readonly health: DatabaseHealthRepository;

  /** `readiness`: the database's memory of whether its counters are exact (null in a transaction: asked each time). */
  constructor(sql: StatementRunner, readiness: CounterReadiness | null = null) {
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
    this.leases = new WorkerLeaseRepository(sql);
    this.health = new DatabaseHealthRepository(sql);
  }
}
