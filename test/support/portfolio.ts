import type { Database } from '../../src/db/data-source';
import { createApplicationInTx } from '../../src/services/lifecycle/application.service';
import { acceptOfferInTx, capturePlanInTx, recordRepaymentInTx } from '../../src/services/lifecycle/plan.service';
import { writeTransaction } from '../../src/services/lifecycle/transaction';
import { commandContext } from '../../src/services/lifecycle/command-context';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';

/** Adds n captured pay-in-4 plans with one repayment each to a merchant, through the real services. */
export async function addCapturedPlans(db: Database, merchantRowId: number, n: number, now: Date): Promise<void> {
  await writeTransaction(db, async (manager) => {
    const merchant = (await manager.merchants.byId(merchantRowId, null))!;
    const ctx = commandContext(db, DEFAULT_LENDING_POLICY, now, { partnerId: null, apiKeyId: null, requestId: 'test' });
    for (let i = 0; i < n; i++) {
      const { applicationId } = await createApplicationInTx(manager, ctx, {
        merchantId: merchant.id, amount: { amount: '100.00', currency: merchant.currency },
        applicant: { firstName: 'Load', lastName: `Shopper${i}`, email: `load${i}.${merchantRowId}@example.com`, creditScore: 800 },
      });
      const offer = (await manager.applications.offersOf(applicationId)).find((o) => o.kind === 'PAY_IN_4')!;
      const { planId } = await acceptOfferInTx(manager, ctx, { applicationId, offerId: offer.id });
      await capturePlanInTx(manager, ctx, { planId });
      await recordRepaymentInTx(manager, ctx, { planId, amount: { amount: '25.00', currency: merchant.currency } });
    }
  });
}
