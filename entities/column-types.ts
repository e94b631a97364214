import { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Money is BIGINT minor units. mysql2 hands BIGINT back as a string and better-sqlite3 as a number;
 * both become a JS number here, and anything outside the safe-integer range fails loudly instead of
 * being rounded.
 */
const minorUnits: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`money column holds a non-integer or unsafe value: ${value}`);
    return n;
  },
};

export const moneyColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'bigint',
  transformer: minorUnits,
  default: 0,
  ...options,
});

/** Timestamps are UTC with millisecond precision on both drivers. */
export const timestampColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'datetime',
  precision: 3,
  ...options,
});

/** Calendar dates ('YYYY-MM-DD') are kept as strings end to end: the engine works on strings. */
export const dateColumn = (options: ColumnOptions = {}): ColumnOptions => ({ type: 'date', ...options });
