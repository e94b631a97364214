import type { ReadRouting } from '../db/replica';
import { LifecycleCommands } from './lifecycle/commands';
import { AdminService } from './admin.service';
import { paymentEstimates } from './lifecycle/application.service';
import type { MoneyInputValue } from './lifecycle/inputs';
import { partnerScope, Viewer } from '../auth/viewer';
import { PortfolioQueries } from './portfolio-queries';
import type { LendingPolicy } from './lending-policy';
import type { AsOf } from '../engine';
import type { CommandRunner } from './lifecycle/command-runner';

/** The use cases, built once per process around the database. */
export class Services {
  readonly lifecycle: LifecycleCommands;
  readonly admin: AdminService;
  readonly portfolio: PortfolioQueries;

  /** `countCap`: connections' totalCount is counted exactly up to it (TOTAL_COUNT_CAP). */
  constructor(
    runner: CommandRunner, keyEnvironment: 'live' | 'test', readonly policy: LendingPolicy, private readonly reads: ReadRouting,
    options: { countCap: number },
  ) {
    this.lifecycle = new LifecycleCommands(runner, policy);
    this.admin = new AdminService(runner, keyEnvironment);
    this.portfolio = new PortfolioQueries(reads, options.countCap);
  }

  /** "As low as" offers for an amount; nothing is stored. Refusals are thrown as MutationRefused. */
  paymentEstimates(viewer: Viewer, at: AsOf, merchantId: number | null, amount: MoneyInputValue) {
    return paymentEstimates(this.reads.readsFor(viewer), { partnerId: partnerScope(viewer), ...at }, merchantId, amount);
  }
}
