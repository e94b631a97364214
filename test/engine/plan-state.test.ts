import {
  assertTransition, canTransition, PLAN_TRANSITIONS, PlanTransitionError, servicingStatus, settledStatus, type PlanStatus,
} from '../../src/engine';

const STATUSES: PlanStatus[] = ['AUTHORIZED', 'ACTIVE', 'DELINQUENT', 'PAID_OFF', 'REFUNDED', 'VOIDED', 'EXPIRED', 'CHARGED_OFF'];
const ALLOWED = new Set([
  'AUTHORIZED>ACTIVE', 'AUTHORIZED>VOIDED', 'AUTHORIZED>EXPIRED',
  'ACTIVE>DELINQUENT', 'ACTIVE>PAID_OFF', 'ACTIVE>REFUNDED', 'ACTIVE>CHARGED_OFF',
  'DELINQUENT>ACTIVE', 'DELINQUENT>PAID_OFF', 'DELINQUENT>REFUNDED', 'DELINQUENT>CHARGED_OFF',
  'PAID_OFF>ACTIVE', 'PAID_OFF>DELINQUENT', // a reversed payment reopens the plan
  'PAID_OFF>REFUNDED', // a refund of everything captured left after the payoff
  'REFUNDED>ACTIVE', 'REFUNDED>DELINQUENT', // ... and a refunded one whose returned cash it had funded
]);
const PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

describe(canTransition.name, () => {
  it.each(PAIRS)('%s -> %s follows the lifecycle table', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it('lists every status in PLAN_TRANSITIONS', () => {
    expect(Object.keys(PLAN_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
  });
});

describe(assertTransition.name, () => {
  it.each(PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}>${to}`)))('refuses %s -> %s naming both states', (from, to) => {
    const error = (() => { try { assertTransition(from, to); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(PlanTransitionError);
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from, to });
    expect((error as Error).message).toContain(from);
    expect((error as Error).message).toContain(to);
  });
});

describe(servicingStatus.name, () => {
  const ledger = (over: { paidOff?: boolean; fullyRefunded?: boolean; balance?: number; refunded?: number }) =>
    ({ installments: [], allocations: [], attribution: [], balance: 100, paid: 0, refunded: 0, returned: 0, reAdvanced: 0, credit: 0, paidOff: false, fullyRefunded: false, ...over });

  it('is PAID_OFF when paid off, REFUNDED when fully refunded', () => {
    expect(servicingStatus({ current: 'DELINQUENT', ledger: ledger({ paidOff: true, balance: 0 }), daysPastDue: 0 })).toBe('PAID_OFF');
    expect(servicingStatus({ current: 'ACTIVE', ledger: ledger({ fullyRefunded: true, balance: 0 }), daysPastDue: 40 })).toBe('REFUNDED');
  });

  it('is DELINQUENT from 30 days past due and ACTIVE again below', () => {
    expect(servicingStatus({ current: 'ACTIVE', ledger: ledger({}), daysPastDue: 29 })).toBe('ACTIVE');
    expect(servicingStatus({ current: 'ACTIVE', ledger: ledger({}), daysPastDue: 30 })).toBe('DELINQUENT');
    expect(servicingStatus({ current: 'DELINQUENT', ledger: ledger({}), daysPastDue: 0 })).toBe('ACTIVE');
  });

  it.each(['PAID_OFF', 'REFUNDED', 'VOIDED', 'EXPIRED', 'CHARGED_OFF'] as const)('keeps terminal %s', (current) => {
    expect(servicingStatus({ current, ledger: ledger({}), daysPastDue: 90 })).toBe(current);
  });

  it('is REFUNDED when fully refunded whatever came before, a payoff included; a partial refund leaves PAID_OFF', () => {
    const refunded = ledger({ fullyRefunded: true, balance: 0, refunded: 100 });
    expect(['ACTIVE', 'DELINQUENT', 'PAID_OFF'].map((current) => servicingStatus({ current: current as PlanStatus, ledger: refunded, daysPastDue: 0 })))
      .toEqual(['REFUNDED', 'REFUNDED', 'REFUNDED']);
    expect(servicingStatus({ current: 'PAID_OFF', ledger: ledger({ paidOff: true, balance: 0, refunded: 40 }), daysPastDue: 0 })).toBe('PAID_OFF');
  });
});

describe(settledStatus.name, () => {
  it('is REFUNDED when everything captured was refunded, else PAID_OFF', () => {
    expect([settledStatus({ captured: 100, refunded: 100 }), settledStatus({ captured: 100, refunded: 99 }), settledStatus({ captured: 100, refunded: 0 })])
      .toEqual(['REFUNDED', 'PAID_OFF', 'PAID_OFF']);
  });
});
