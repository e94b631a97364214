import { authorizationStatusAt, nextStatusCheckOn, outstandingBalance, planStatusAt, type PlanStatusFacts } from '../../src/engine';

const policy = { chargeOffAfterDays: 120, timeZone: 'America/New_York' };
const expiresAt = new Date('2027-02-14T15:00:00Z');
const facts = (status: PlanStatusFacts['status'], principal = 40_000, refundedAmount = 0): PlanStatusFacts =>
  ({ status, principal, refundedAmount, authorizationExpiresAt: expiresAt });
/** Pay in 4 of 400.00 captured on 2027-01-15: the first installment paid. */
const rows = [
  { dueDate: '2027-01-15', amountDue: 10_000, amountPaid: 10_000 },
  { dueDate: '2027-01-29', amountDue: 10_000, amountPaid: 0 },
  { dueDate: '2027-02-12', amountDue: 10_000, amountPaid: 0 },
  { dueDate: '2027-02-26', amountDue: 10_000, amountPaid: 0 },
];
const at = (today: string) => ({ now: new Date(`${today}T17:00:00Z`), today });

describe(outstandingBalance.name, () => {
  it('is what the installments still ask', () => {
    expect(outstandingBalance(rows)).toBe(30_000);
    expect(outstandingBalance([])).toBe(0);
  });
});

describe(authorizationStatusAt.name, () => {
  it('lapses an authorization at its expiry and leaves other statuses alone', () => {
    expect(authorizationStatusAt(facts('AUTHORIZED'), new Date('2027-02-14T14:59:59Z'))).toBe('AUTHORIZED');
    expect(authorizationStatusAt(facts('AUTHORIZED'), expiresAt)).toBe('EXPIRED');
    expect(authorizationStatusAt(facts('VOIDED'), expiresAt)).toBe('VOIDED');
  });
});

describe(planStatusAt.name, () => {
  it('follows the days past due of a servicing plan', () => {
    expect(planStatusAt(facts('ACTIVE'), rows, at('2027-02-27'), policy)).toBe('ACTIVE');
    expect(planStatusAt(facts('ACTIVE'), rows, at('2027-02-28'), policy)).toBe('DELINQUENT');
    expect(planStatusAt(facts('DELINQUENT'), rows, at('2027-05-29'), policy)).toBe('CHARGED_OFF');
  });

  it('is REFUNDED for a paid-off plan whose captured principal was refunded in full', () => {
    expect(planStatusAt(facts('PAID_OFF', 40_000, 40_000), [], at('2027-03-01'), policy)).toBe('REFUNDED');
    expect(planStatusAt(facts('PAID_OFF', 40_000, 100), [], at('2027-03-01'), policy)).toBe('PAID_OFF');
  });
});

describe(nextStatusCheckOn.name, () => {
  it('is the day lateness next changes a servicing plan\'s status: 30, then 120 days past its oldest unpaid due date', () => {
    expect(nextStatusCheckOn(facts('ACTIVE'), rows, at('2027-02-01'), policy)).toBe('2027-02-28');
    expect(nextStatusCheckOn(facts('DELINQUENT'), rows, at('2027-03-01'), policy)).toBe('2027-05-29');
  });

  it('is today when the stored status is already behind, the expiry\'s business date for an authorization, none once settled', () => {
    expect(nextStatusCheckOn(facts('ACTIVE'), rows, at('2027-03-05'), policy)).toBe('2027-03-05');
    expect(nextStatusCheckOn(facts('AUTHORIZED'), [], at('2027-01-20'), policy)).toBe('2027-02-14');
    expect(nextStatusCheckOn(facts('PAID_OFF'), [], at('2027-01-20'), policy)).toBeNull();
  });
});
