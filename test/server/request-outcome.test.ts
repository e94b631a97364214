import { httpOutcome } from '../../src/server/metrics/request-outcome';

describe(httpOutcome.name, () => {
  it('counts a refusal by its code, a client outcome whatever the status it went out with', () => {
    expect(httpOutcome(500, { requestId: 'r', codes: ['UNAUTHENTICATED'] })).toBe('unauthenticated');
    expect(httpOutcome(401, { requestId: 'r', codes: ['UNAUTHENTICATED'] })).toBe('unauthenticated');
    expect(httpOutcome(400, { requestId: 'r', codes: ['AMBIGUOUS_CREDENTIALS'] })).toBe('client_error');
    expect(httpOutcome(405, { requestId: 'r', codes: ['METHOD_NOT_ALLOWED'] })).toBe('client_error');
  });

  it('counts a fault by its status when its code is ours', () => {
    expect(httpOutcome(500, { requestId: 'r', codes: ['INTERNAL_SERVER_ERROR'] })).toBe('internal');
    expect(httpOutcome(500, { requestId: 'r' })).toBe('internal');
  });
});
