import type { GraphQLClient } from 'graphql-request';
import { AcceptOfferDocument, CapturePlanDocument, CreateApplicationDocument } from '../../schema/generated/graphql';

/**
 * A plan captured over the API by `client` at `merchantId` (USD): an application approved at a credit
 * score of 800, the offer of that kind and term accepted, everything captured. Its global id.
 */
export async function capturedPlan(
  client: GraphQLClient, merchantId: string, offer: { amount: string; kind: 'PAY_IN_4' | 'INSTALLMENTS'; termCount: number; key: string },
): Promise<string> {
  const { createApplication } = await client.request(CreateApplicationDocument, { input: {
    merchantId, amount: { amount: offer.amount, currency: 'USD' }, idempotencyKey: `${offer.key}-apply`,
    applicant: { firstName: 'Cap', lastName: 'Tured', email: `${offer.key}@example.com`, creditScore: 800 },
  } });
  const chosen = createApplication.application!.offers.find((o) => o.kind === offer.kind && o.termCount === offer.termCount)!;
  const { acceptOffer } = await client.request(AcceptOfferDocument, { input: { applicationId: createApplication.application!.id, offerId: chosen.id, idempotencyKey: `${offer.key}-accept` } });
  const { capturePlan } = await client.request(CapturePlanDocument, { input: { planId: acceptOffer.plan!.id, idempotencyKey: `${offer.key}-capture` } });
  if (capturePlan.userErrors.length > 0) throw new Error(`capture refused: ${JSON.stringify(capturePlan.userErrors)}`);
  return capturePlan.plan!.id;
}
