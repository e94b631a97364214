import { requestHash } from '../../src/services/lifecycle/idempotency';

/** A nested input arrives as an instance of its input class, not a plain object. */
class MoneyInput {
  amount!: string;
  currency!: string;
}

/**
 * Hashes stored with idempotency records before the canonical JSON moved to safe-stable-stringify
 * (computed by the hand-written canonicalJson). A retry within a record's 24 hours must hash the
 * same across that change and any later one, or it would be refused as a reuse of its key.
 */
const STORED: [string, unknown, string][] = [
  ['recordRepayment', { planId: 'UGxhbjox', amount: Object.assign(new MoneyInput(), { amount: '100.00', currency: 'USD' }), effectiveDate: undefined },
    '564e0451e97cc6df127f560516388175731b833e80a5bdae090e1d11499ff87c'],
  ['recordRepayment', { planId: 'UGxhbjox', amount: { currency: 'USD', amount: '100.00' }, effectiveDate: '2027-01-15' },
    '609ce0400f7ae2e144e27fe0180c401e20295cb4eac2c10192298ddac69bb2ac'],
  ['createApplication', { merchantId: 'TWVyY2hhbnQ6MQ==', amount: { amount: '1234.57', currency: 'CAD' },
    applicant: { firstName: 'Zoë', lastName: 'Ångström', email: 'zoe@example.com', phone: null, creditScore: 780 } },
  'e578d1d779c37b70e487e5487b5037be88e03fbcf224508a81b5b4ec6d975859'],
  ['refundPlan', { reason: 'Item returned — “damaged” 📦', planId: 'UGxhbjoy', amount: { amount: '0.01', currency: 'USD' } },
    'f36c38af4f1f007f1bb1d6abfb047dbe66dbbe4537d908a1b1cea6dfef5e64e4'],
  ['createFinancingProgram', { merchantId: 'x', kind: 'INSTALLMENTS', termCount: 12, apr: '15.00', merchantFeeRate: '3.00',
    minAmount: { amount: '100.00', currency: 'USD' }, maxAmount: { amount: '10000.00', currency: 'USD' } },
  '33578634566f362c87937fe85865c38d42ed703f90fe5fee4fce80bb8207c739'],
  ['issueApiKey', { name: 'ops', role: 'PARTNER', partnerId: null, B: 1, a: [{ y: 2, x: [1, 'ı', null] }], ä: true, '10': 0, '9': -1.5 },
    '88d8ba95c399f020a786b366ae10baed49f3722ce4b678c395a9ef192b5f2d48'],
];

describe(requestHash.name, () => {
  it.each(STORED)('is the hash stored for %s %j', (operation, input, stored) => {
    expect(requestHash(operation, input)).toBe(stored);
  });

  it('tells operations apart for one input', () => {
    expect(requestHash('voidPlan', { planId: 'UGxhbjox' })).not.toBe(requestHash('capturePlan', { planId: 'UGxhbjox' }));
  });
});
