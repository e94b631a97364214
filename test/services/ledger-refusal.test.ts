import { LedgerError, PlanTransitionError } from '../../src/engine';
import { refuseLedgerError } from '../../src/services/lifecycle/ledger-refusal';
import { MutationRefused } from '../../src/services/lifecycle/user-error';

const outcome = (error: unknown): unknown => {
  try {
    refuseLedgerError(error);
  } catch (thrown) {
    return thrown;
  }
  throw new Error('refuseLedgerError returned');
};

describe(refuseLedgerError.name, () => {
  it('refuses an overpayment with a message of its own, without the engine\'s event id or minor units', () => {
    const refused = outcome(new LedgerError('OVERPAYMENT', 'repayment "R12" of 35000 exceeds the payoff amount 30000 on 2027-02-01')) as MutationRefused;
    expect(refused).toBeInstanceOf(MutationRefused);
    expect(refused.userErrors).toEqual([{ code: 'OVERPAYMENT', field: ['input'], message: expect.any(String) }]);
    expect(refused.userErrors[0].message).not.toMatch(/R12|35000|30000/);
  });

  it('refuses an illegal transition naming both statuses', () => {
    const refused = outcome(new PlanTransitionError('REFUNDED', 'ACTIVE')) as MutationRefused;
    expect(refused.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('from REFUNDED to ACTIVE') });
  });

  it.each(['INVALID_SCHEDULE', 'INVALID_AMOUNT', 'INVALID_DATE'] as const)('rethrows the caller bug %s unchanged, to be logged as an internal error', (code) => {
    const bug = new LedgerError(code, 'schedule principal 100 differs from captured 99');
    expect(outcome(bug)).toBe(bug);
  });

  it('rethrows anything that is not the engine\'s', () => {
    const driverError = new Error('connection lost');
    expect(outcome(driverError)).toBe(driverError);
  });
});
