import { ConfigError, loadConfig } from '../../src/server/config';
import { DEFAULT_LENDING_POLICY } from '../../src/services/lending-policy';

describe('lending configuration', () => {
  it('defaults to New York business dates, charge-off at 120 days and 15,000.00 per currency', () => {
    expect(loadConfig({}).lending).toEqual(DEFAULT_LENDING_POLICY);
    expect(DEFAULT_LENDING_POLICY).toEqual({ timeZone: 'America/New_York', chargeOffAfterDays: 120, exposureLimits: { USD: 1_500_000, CAD: 1_500_000 } });
  });

  it('reads each limit in its currency\'s decimals', () => {
    const { lending } = loadConfig({ EXPOSURE_LIMIT_USD: '2500.50', EXPOSURE_LIMIT_CAD: '100', CHARGE_OFF_AFTER_DAYS: '90', TENOR_TIME_ZONE: 'Pacific/Auckland' });
    expect(lending).toEqual({ timeZone: 'Pacific/Auckland', chargeOffAfterDays: 90, exposureLimits: { USD: 250_050, CAD: 10_000 } });
  });

  it.each([
    ['EXPOSURE_LIMIT_USD', '12.345'], ['EXPOSURE_LIMIT_USD', '-5.00'], ['EXPOSURE_LIMIT_CAD', 'lots'], ['EXPOSURE_LIMIT_CAD', '0'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('refuses a CHARGE_OFF_AFTER_DAYS that is not a positive integer', () => {
    expect(() => loadConfig({ CHARGE_OFF_AFTER_DAYS: '0' })).toThrow(/CHARGE_OFF_AFTER_DAYS/);
  });
});
