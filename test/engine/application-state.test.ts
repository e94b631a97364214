import {
  APPLICATION_STATUSES, applicationStatusAt, ApplicationTransitionError, assertApplicationTransition, canMoveApplication,
} from '../../src/engine';

describe(canMoveApplication.name, () => {
  it('lets an approval be accepted, lapse or be cancelled, and no other status move', () => {
    const moves = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.filter((to) => canMoveApplication(from, to)).map((to) => `${from} -> ${to}`));
    expect(moves).toEqual(['APPROVED -> ACCEPTED', 'APPROVED -> EXPIRED', 'APPROVED -> CANCELLED']);
  });
});

describe(assertApplicationTransition.name, () => {
  it('refuses a move the table does not allow, naming both statuses', () => {
    expect(() => assertApplicationTransition('DECLINED', 'ACCEPTED')).toThrow(ApplicationTransitionError);
    expect(() => assertApplicationTransition('ACCEPTED', 'CANCELLED')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', from: 'ACCEPTED', to: 'CANCELLED' }));
  });

  it('lets an approval be accepted', () => {
    expect(() => assertApplicationTransition('APPROVED', 'ACCEPTED')).not.toThrow();
  });
});

describe(applicationStatusAt.name, () => {
  const expiresAt = new Date('2027-02-14T15:00:00Z');

  it('is EXPIRED for an approval from its expiry on, the stored status before', () => {
    expect(applicationStatusAt({ status: 'APPROVED', expiresAt }, new Date('2027-02-14T14:59:59.999Z'))).toBe('APPROVED');
    expect(applicationStatusAt({ status: 'APPROVED', expiresAt }, expiresAt)).toBe('EXPIRED');
  });

  it.each(['DECLINED', 'ACCEPTED', 'CANCELLED', 'EXPIRED'] as const)('leaves a %s application as stored', (status) => {
    expect(applicationStatusAt({ status, expiresAt }, new Date('2030-01-01T00:00:00Z'))).toBe(status);
  });
});
