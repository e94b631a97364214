import { MerchantsDocument, NestedReadDocument, PayoffQuotesDocument } from '../../schema/generated/graphql';
import { fromGlobalId } from '../../resolvers/common/global-id';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { addCapturedPlans } from '../support/portfolio';

let t: TestGateway;
let merchantId: string;

beforeAll(async () => {
  t = await startTestGateway('batching');
  const merchants = await t.client(KEYS.acme).request(MerchantsDocument, { first: 1 });
  merchantId = merchants.merchants.edges[0].node.id;
  await addCapturedPlans(t.gateway.db, fromGlobalId(merchantId)!.id, 50, new Date('2027-03-01T12:00:00Z'));
});
afterAll(() => t.close());

async function statementsFor(first: number): Promise<{ statements: number; plans: number }> {
  t.sql.reset();
  const result = await t.client(KEYS.acme).request(NestedReadDocument, { id: merchantId, first });
  return { statements: t.sql.count, plans: result.merchant!.plans.nodes.length };
}

describe('NestedRead batching', () => {
  it('costs the same number of SQL statements for 1 plan and for 50', async () => {
    const one = await statementsFor(1);
    const fifty = await statementsFor(50);
    expect(one.plans).toBe(1);
    expect(fifty.plans).toBe(50);
    expect(fifty.statements).toBe(one.statements);
    // API key lookup, merchant, plans page (windowed), installments (one IN), repayments page (windowed)
    expect(one.statements).toBe(5);
  });
});

describe('PayoffQuotes batching', () => {
  it('replays every plan from one query of repayments and one of refunds, for 1 plan and for 50', async () => {
    const count = async (first: number) => {
      t.sql.reset();
      const result = await t.client(KEYS.acme).request(PayoffQuotesDocument, { id: merchantId, first, asOf: '2027-03-01' });
      expect(result.merchant!.plans.nodes.every((p) => /^\d+\.\d{2}$/.test(p.payoffQuote.amount))).toBe(true);
      return t.sql.count;
    };
    const one = await count(1);
    expect(await count(50)).toBe(one);
    // API key lookup, merchant, plans page (windowed), repayments (one IN), refunds (one IN)
    expect(one).toBe(5);
  });
});
