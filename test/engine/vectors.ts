// Loads test/fixtures/engine-vectors.json (published reference cases: Regulation Z Appendix J examples and
// public amortization tables; sources named in its "about" field) and expands its payment series into dated payments.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays, addMonths } from '../../src/engine';

interface Series { first: string; count: number; every?: string; amount: number; lastAmount?: number }
interface AprVector { name: string; amountFinanced: number; advanceDate: string; payments: Series; apr: string }
interface AmortizeVector {
  principal: number; apr: string; termCount: number; payment: number; totalInterest: number;
  firstRow: { interest: number; principal: number }; lastPayment: number;
}
interface Vectors { apr: AprVector[]; amortize: AmortizeVector[]; splitPayIn4: { total: number; split: number[] }[] }

export const vectors: Vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/engine-vectors.json'), 'utf8'));

function dateOf(series: Series, k: number): string {
  switch (series.every) {
    case undefined: return series.first;
    case '1 month': return addMonths(series.first, k);
    case '1 week': return addDays(series.first, 7 * k);
    case 'half month (1st and 16th)': {
      // The first payment is on a 1st; every second payment is the 16th of the same month.
      const firstOfMonth = addMonths(series.first, Math.floor(k / 2));
      return k % 2 === 0 ? firstOfMonth : addDays(firstOfMonth, 15);
    }
    default: throw new Error(`unknown series interval ${series.every}`);
  }
}

/** The dated payments a vector's series describes, the last one possibly odd. */
export function expandPayments(series: Series): { date: string; amount: number }[] {
  return Array.from({ length: series.count }, (_, k) => ({
    date: dateOf(series, k),
    amount: k === series.count - 1 && series.lastAmount !== undefined ? series.lastAmount : series.amount,
  }));
}
