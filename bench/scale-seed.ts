// The scale bench's portfolios: the bench portfolio of portfolio.ts whose big merchant holds any
// number of plans, written in bounded chunks (one transaction of PLANS_PER_CHUNK plans, statements of
// at most 2,000 rows), so a million plans never make one huge transaction or statement.
import { addDays } from '../src/engine';
import { businessDate } from '../src/engine';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import {
  addPlan, BIG_MERCHANT_ID, bigMerchantPlan, emptyTables, firstRowIds, otherPlans, PAY_IN_4, planFigures, PlanFigures, PlanSpec,
  portfolioHead, RowIds, Tables,
} from './portfolio';
import { analyzeTables, COUNTER_TABLES, databaseName, fillPlanStatusCounts, loadAll, openConnection, recreateDatabase } from './seed-bench';
import type mysql from 'mysql2/promise';

const PLANS_PER_CHUNK = 2_000;

export interface ScaleSeed {
  /** The business date the portfolio was built for; the measurements hold on that day only. */
  today: string;
  bigMerchantPlans: number;
  /** Big-merchant plans that turn DELINQUENT tomorrow: the mass status change. */
  dueTomorrow: number;
  rows: Record<string, number>;
  seconds: number;
  /** Kept by an earlier run (BENCH_SCALE_REUSE_DATABASES=1) instead of seeded now. */
  reused: boolean;
}

/**
 * Plan i of the big merchant. Every other one is a pay-in-4 whose second installment is 29 days
 * past due today: ACTIVE now, DELINQUENT tomorrow, so tomorrow's sweep changes half the portfolio
 * (500,000 of 1,000,000: the goal of issue #15 item 1). The rest is the regular bench's mix.
 */
export function scalePlan(i: number, today: string): PlanSpec {
  if (!isDueTomorrow(i)) return bigMerchantPlan(i, today);
  const capturedOn = addDays(today, -43);
  const amount = 20_000 + (i % 500) * 1_000; // a multiple of 4: the first installment is exactly a quarter
  return { merchantId: BIG_MERCHANT_ID, program: PAY_IN_4, amount, capturedOn, payments: [{ amount: amount / 4, date: capturedOn }] };
}

const isDueTomorrow = (i: number) => i % 2 === 1;
export const dueTomorrowAmong = (plans: number) => Math.floor(plans / 2);

/** Engine figures per distinct spec: the big merchant's million plans have some 20,000 distinct ones. */
class FiguresBySpec {
  private readonly known = new Map<string, PlanFigures>();
  constructor(private readonly today: string) {}

  of(spec: PlanSpec): PlanFigures {
    const key = JSON.stringify([spec.program, spec.amount, spec.capturedOn, spec.payments]);
    let figures = this.known.get(key);
    if (!figures) this.known.set(key, (figures = planFigures(spec, this.today)));
    return figures;
  }
}

/**
 * Two connections write chunks side by side: while MariaDB parses one chunk's INSERTs, the engine
 * builds the next (ids are taken as a chunk is built, so they stay unique and dense).
 */
const LANES = 2;

export async function seedScaleDatabase(url: string, now: Date, bigMerchantPlans: number, log: (line: string) => void): Promise<ScaleSeed> {
  const started = Date.now();
  const today = businessDate(now, DEFAULT_LENDING_POLICY.timeZone);
  assertDueTomorrow(today);
  const connections = [await recreateDatabase(url)];
  const rows: Record<string, number> = {};
  try {
    while (connections.length < LANES) connections.push(await openConnection(url, true));
    // Every row is built consistent with the others (portfolio.ts): checking each foreign key
    // against a growing table would only slow the seed down. The gateway's schema keeps them.
    for (const connection of connections) await connection.query('SET SESSION foreign_key_checks = 0');
    const write = async (connection: mysql.Connection, tables: Tables) => {
      await connection.beginTransaction();
      for (const [table, tableRows] of Object.entries(tables)) {
        await loadAll(connection, table, tableRows);
        rows[table] = (rows[table] ?? 0) + tableRows.length;
      }
      await connection.commit();
    };
    await write(connections[0], portfolioHead(now));
    const ids = firstRowIds();
    const figures = new FiguresBySpec(today);
    let next = 0;
    let reported = Date.now();
    const lane = async (connection: mysql.Connection) => {
      while (next < bigMerchantPlans) {
        const start = next;
        next = Math.min(bigMerchantPlans, start + PLANS_PER_CHUNK);
        const specs = Array.from({ length: next - start }, (_, k) => scalePlan(start + k, today));
        await write(connection, chunkOf(specs, ids, today, figures));
        if (Date.now() - reported > 30_000) {
          reported = Date.now();
          log(`  ${rows.plans} of ${bigMerchantPlans} plans in ${Math.round((reported - started) / 1000)} s`);
        }
      }
    };
    await Promise.all(connections.map(lane));
    await write(connections[0], chunkOf(otherPlans(today), ids, today, figures));
    await fillPlanStatusCounts(url, now);
    await analyzeTables(connections[0], [...Object.keys(rows), ...COUNTER_TABLES]);
    return { today, bigMerchantPlans, dueTomorrow: dueTomorrowAmong(bigMerchantPlans), rows, seconds: (Date.now() - started) / 1000, reused: false };
  } finally {
    await Promise.all(connections.map((connection) => connection.end()));
  }
}

function chunkOf(specs: PlanSpec[], ids: RowIds, today: string, figures: FiguresBySpec): Tables {
  const tables = emptyTables();
  for (const spec of specs) addPlan(tables, ids, spec, today, figures.of(spec));
  return tables;
}

/** The mass change must really be due tomorrow and not today: the idle sweep would otherwise not be idle. */
function assertDueTomorrow(today: string): void {
  const { status, checkOn } = planFigures(scalePlan(1, today), today);
  if (status !== 'ACTIVE' || checkOn !== addDays(today, 1)) {
    throw new Error(`scale portfolio: a due plan is ${status} with its next check on ${checkOn}; expected ACTIVE until ${addDays(today, 1)}`);
  }
}

/**
 * The portfolio an earlier run left in `url` (BENCH_SCALE_KEEP_DATABASES=1), if it is the one this run
 * would seed: the same number of big-merchant plans, built for today (a due plan's next check is
 * tomorrow), and not swept since (no event of the sweep). null: seed it again.
 */
export async function keptPortfolio(url: string, now: Date, bigMerchantPlans: number): Promise<ScaleSeed | null> {
  const today = businessDate(now, DEFAULT_LENDING_POLICY.timeZone);
  const connection = await openConnection(url, false);
  const one = async (sql: string, params: unknown[] = []) => {
    const [[row]] = await connection.query(sql, params) as unknown as [[{ v: number | string | null }]];
    return row?.v ?? null;
  };
  try {
    if (await one('SELECT COUNT(*) AS v FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [databaseName(url), 'plans']) === 0) return null;
    await connection.changeUser({ database: databaseName(url) });
    const fits = Number(await one('SELECT COUNT(*) AS v FROM plans WHERE merchantId = ?', [BIG_MERCHANT_ID])) === bigMerchantPlans
      // Plan i has id i + 1; plan 1 is the first of those due tomorrow.
      && await one("SELECT DATE_FORMAT(nextStatusCheckOn, '%Y-%m-%d') AS v FROM plans WHERE id = 2") === addDays(today, 1)
      && Number(await one("SELECT COUNT(*) AS v FROM plan_events WHERE requestId = 'status-sweep'")) === 0
      // Seeded with its plan status counters (an earlier seed had none: seed again).
      && Number(await one('SELECT COUNT(*) AS v FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
        [databaseName(url), 'plan_status_count_checks'])) === 1
      && Number(await one('SELECT COUNT(*) AS v FROM plan_status_count_checks WHERE merchantId = 0')) === 1;
    if (!fits) return null;
    const rows: Record<string, number> = {};
    for (const table of Object.keys(emptyTables())) rows[table] = Number(await one(`SELECT COUNT(*) AS v FROM \`${table}\``));
    return { today, bigMerchantPlans, dueTomorrow: dueTomorrowAmong(bigMerchantPlans), rows, seconds: 0, reused: true };
  } finally {
    await connection.end();
  }
}

/** The size of a database on disk (data + indexes), in MB. */
export async function databaseSizeMb(connection: mysql.Connection, database: string): Promise<number> {
  const [[row]] = await connection.query(
    'SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes FROM information_schema.tables WHERE table_schema = ?', [database],
  ) as unknown as [[{ bytes: number | string }]];
  return Math.round(Number(row.bytes) / 1e6);
}
