import { BreakerState, CircuitBreaker } from '../../src/server/limits/circuit-breaker';

function breaker() {
  let now = 0;
  const changes: string[] = [];
  const b = new CircuitBreaker({
    failureThreshold: 3, cooldownMs: 1000, clockMs: () => now, onChange: (from: BreakerState, to: BreakerState) => changes.push(`${from}>${to}`),
  });
  return { b, changes, advance: (ms: number) => { now += ms; } };
}

describe(CircuitBreaker.name, () => {
  it('stays closed below the failure threshold, and a success resets the count', () => {
    const { b } = breaker();
    b.failed(); b.failed(); b.succeeded(); b.failed(); b.failed();
    expect(b.state).toBe('closed');
    expect(b.allows()).toBe(true);
  });

  it('opens after three failures in a row and then lets nothing through', () => {
    const { b, changes } = breaker();
    b.failed(); b.failed(); b.failed();
    expect([b.state, b.allows(), changes]).toEqual(['open', false, ['closed>open']]);
  });

  it('lets exactly one trial through once the cooldown has passed', () => {
    const { b, advance } = breaker();
    b.open();
    advance(999);
    expect(b.allows()).toBe(false);
    advance(1);
    expect([b.allows(), b.allows(), b.state]).toEqual([true, false, 'half-open']);
  });

  it('closes when the trial succeeds', () => {
    const { b, advance, changes } = breaker();
    b.open();
    advance(1000);
    b.allows();
    b.succeeded();
    expect([b.state, changes]).toEqual(['closed', ['closed>open', 'open>half-open', 'half-open>closed']]);
  });

  it('re-opens for another cooldown when the trial fails', () => {
    const { b, advance } = breaker();
    b.open();
    advance(1000);
    b.allows();
    b.failed();
    advance(500);
    expect([b.state, b.allows()]).toEqual(['open', false]);
  });
});
