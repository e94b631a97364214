import type { Database } from '../../src/db/data-source';
import { createApplicationInTx } from '../../src/services/lifecycle/application.service';
import { acceptOfferInTx, capturePlanInTx, recordRepaymentInTx } from '../../src/services/lifecycle/plan.service';
import { CommandRunner } from '../../src/services/lifecycle/command-runner';
import { commandContext } from '../../src/services/lifecycle/command-context';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';

/** Adds n captured pay-in-4 plans with one repayment each to a merchant, through the real services. */
export async function addCapturedPlans(db: Database, merchantRowId: number, n: number, now: Date): Promise<void> {
  await new CommandRunner(db).unitOfWork(async (uow) => {
    const merchant = (await uow.tx.merchants.byId(merchantRowId, null))!;
    const ctx = commandContext(DEFAULT_LENDING_POLICY, now, { partnerId: null, apiKeyId: null, requestId: 'test' });
    for (let i = 0; i < n; i++) {
      const { applicationId } = await createApplicationInTx(uow, ctx, {
        merchantId: merchant.id, amount: { amount: '100.00', currency: merchant.currency },
        applicant: { firstName: 'Load', lastName: `Shopper${i}`, email: `load${i}.${merchantRowId}@example.com`, creditScore: 800 },
      });
      const offer = (await uow.tx.applications.offersOf(applicationId)).find((o) => o.kind === 'PAY_IN_4')!;
      const { planId } = await acceptOfferInTx(uow, ctx, { applicationId, offerId: offer.id });
      await capturePlanInTx(uow, ctx, { planId });
      await recordRepaymentInTx(uow, ctx, { planId, amount: { amount: '25.00', currency: merchant.currency } });
    }
  });
}
