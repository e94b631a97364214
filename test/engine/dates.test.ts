import * as fc from 'fast-check';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../src/engine';

describe(isIsoDate.name, () => {
  it('accepts real calendar dates only', () => {
    expect(['2027-01-15', '2028-02-29', '0001-01-01', '9999-12-31'].every(isIsoDate)).toBe(true);
    expect(['2027-02-29', '2027-13-01', '2027-00-10', '2027-1-15', '27-01-15', '2027-01-15T00:00', '0000-01-01', ''].some(isIsoDate)).toBe(false);
  });
});

describe(addDays.name, () => {
  it('crosses month and leap-year boundaries', () => {
    expect(addDays('2027-01-15', 14)).toBe('2027-01-29');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('is undone by daysBetween', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_900_000 }), fc.integer({ min: -50_000, max: 50_000 }), (offset, n) => {
      const start = addDays('1900-01-01', offset);
      return daysBetween(start, addDays(start, n)) === n;
    }));
  });

  it('refuses a bad date or a fractional count, naming the value', () => {
    expect(() => addDays('2027-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', message: expect.stringContaining('"2027-02-30"') }));
    expect(() => addDays('2027-02-01', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_COUNT' }));
    expect(() => addDays('9999-12-31', 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });
});

describe(addMonths.name, () => {
  it('clamps to the end of the month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
  });

  it('counts from the original date, so a month-end start does not drift', () => {
    expect([1, 2, 3].map((k) => addMonths('2027-01-31', k))).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
  });
});

describe(daysBetween.name, () => {
  it('counts whole days, negative backwards', () => {
    expect(daysBetween('2027-01-15', '2027-03-01')).toBe(45);
    expect(daysBetween('2027-03-01', '2027-01-15')).toBe(-45);
    expect(daysBetween('1978-01-03', '1978-09-15')).toBe(255);
  });

  it('answers the same and refuses the same whatever it remembered (the day memo is invisible)', () => {
    // Far more dates than the memo holds, asked twice in a shuffled order, against a fresh count from 1970.
    const dates = Array.from({ length: 10_000 }, (_, k) => addDays('1970-01-01', k * 3));
    const order = [...dates.keys(), ...dates.keys()].sort((a, b) => ((a * 7_919) % 10_007) - ((b * 7_919) % 10_007));
    expect(order.every((k) => daysBetween('1970-01-01', dates[k]) === k * 3)).toBe(true);
    expect(() => daysBetween('2027-01-15', '2027-02-30')).toThrow(/to must be a calendar date/);
    expect(() => daysBetween('2027-02-29', '2027-01-15')).toThrow(/from must be a calendar date/);
    expect(() => daysBetween('2027-01-15', 20270115 as unknown as string)).toThrow(/calendar date/);
  });
});
