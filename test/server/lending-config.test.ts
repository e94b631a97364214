import { ConfigError, loadConfig } from '../../src/server/config';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';

describe('lending configuration', () => {
  it('defaults to New York business dates, charge-off at 120 days and 15,000.00 per currency', () => {
    expect(DEFAULT_LENDING_POLICY).toEqual({ timeZone: 'America/New_York', chargeOffAfterDays: 120, exposureLimits: { USD: 1_500_000, CAD: 1_500_000 } });
    expect(loadConfig({})).toMatchObject(DEFAULT_LENDING_POLICY);
  });

  it('reads each exposure limit in its currency\'s decimals', () => {
    expect(loadConfig({ EXPOSURE_LIMIT_USD: '2500.50', EXPOSURE_LIMIT_CAD: '100' }).exposureLimits).toEqual({ USD: 250_050, CAD: 10_000 });
  });

  it.each([
    ['EXPOSURE_LIMIT_USD', '12.345'], ['EXPOSURE_LIMIT_USD', '-5.00'], ['EXPOSURE_LIMIT_CAD', 'lots'], ['EXPOSURE_LIMIT_CAD', '0'],
  ])('refuses %s=%s naming the variable and the value', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be a positive amount`);
  });
});
