import type { StatusCountDelta } from '../../db/repositories/plan-status-count.repository';
import type { PlanStatus } from '../../engine';
import type { CommandRunner } from '../lifecycle/command-runner';

/** Merchants the worker reconciles per maintenance run, in rotation: bounds what one run adds to the sweep. */
const MERCHANTS_PER_RECONCILIATION = 5;

/** A counter that was not what the plans say: `drift` = plans counted − counter, added to the counter. */
export interface CounterDrift { merchantId: number; status: PlanStatus; drift: number }

/**
 * Brings one merchant's status counters to what its plans say, while commands keep writing:
 *
 * 1. its row of plan_status_count_checks is locked FOR UPDATE for the transaction, so two
 *    reconciliations of one merchant (two workers across a lapsed lease, two migrate runs) take turns
 *    and the second finds no drift, instead of both correcting it;
 * 2. one statement counts its plans per status and reads its counters: one read view, so both are of
 *    the same moment. Every status-changing transaction changes plans and counters together
 *    (CommandRunner.unitOfWork), so every moment shows the same drift;
 * 3. the drift is added to the counters (a relative upsert), so whatever committed since the snapshot,
 *    already in the counters, is left as it is.
 *
 * The counters take their locks last, in key order, like every writer's, and no plan is locked: a
 * reconciliation adds no deadlock and holds up no command beyond the counter rows' COMMIT.
 */
export async function reconcileMerchant(runner: CommandRunner, merchantId: number, now: Date): Promise<CounterDrift[]> {
  await runner.db.repositories.planCounts.createCheck(merchantId);
  return runner.unitOfWork(async ({ tx }) => {
    await tx.planCounts.lockCheck(merchantId);
    const { plans, counters } = await tx.planCounts.snapshot(merchantId);
    const drifts: CounterDrift[] = [];
    for (const status of new Set([...plans.keys(), ...counters.keys()])) {
      const drift = (plans.get(status) ?? 0) - (counters.get(status) ?? 0);
      if (drift !== 0) drifts.push({ merchantId, status, drift });
    }
    if (drifts.length > 0) {
      const partnerId = await tx.planCounts.partnerOf(merchantId);
      if (partnerId === null) throw new Error(`merchant ${merchantId} has counters but no row`);
      await tx.planCounts.add(drifts.map(({ status, drift }): StatusCountDelta => ({ merchantId, partnerId, status, plans: drift })));
    }
    await tx.planCounts.markChecked(merchantId, now);
    return drifts;
  });
}

/**
 * The standing check: the next `limit` merchants of the rotation (never checked first, then the
 * longest since their check) reconciled. Drift here is a write path that forgot the counters, or SQL
 * run by hand on plans: the caller counts and logs it.
 */
export async function reconcileSomeMerchants(runner: CommandRunner, now: Date, limit = MERCHANTS_PER_RECONCILIATION): Promise<CounterDrift[]> {
  const drifts: CounterDrift[] = [];
  for (const merchantId of await runner.db.repositories.planCounts.nextToCheck(limit)) drifts.push(...await reconcileMerchant(runner, merchantId, now));
  return drifts;
}

const BACKFILL_PAGE = 500;

/**
 * Makes the counters exact before reads use them: every merchant reconciled once, then the marker
 * row that says so (plans' totalCount reads the counters from then on; until then, bounded counts).
 * The migrate role and the all-in-one start run it after the migrations; it is one statement once
 * done, and safe to run twice or at once (reconcileMerchant). Returns the merchants reconciled, or
 * null when the marker was already there.
 */
export async function backfillPlanStatusCounts(runner: CommandRunner, now: Date): Promise<{ merchants: number; drifts: number } | null> {
  const counts = runner.db.repositories.planCounts;
  if (await counts.backfilled()) return null;
  let merchants = 0;
  let drifts = 0;
  for (let after = 0; ;) {
    const ids = await counts.merchantsAfter(after, BACKFILL_PAGE);
    for (const id of ids) drifts += (await reconcileMerchant(runner, id, now)).length;
    merchants += ids.length;
    if (ids.length < BACKFILL_PAGE) break;
    after = ids[ids.length - 1];
  }
  await counts.markBackfilled(now);
  return { merchants, drifts };
}
