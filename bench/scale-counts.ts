// totalCount's statements on their own, as the gateway sends them: plans are counted from the
// maintained status counters (plan_status_counts: a merchant's, a partner's or every partner's,
// with or without a status), other lists by a bounded count (merchants here). Each is timed in the
// database and analysed with MariaDB's ANALYZE FORMAT=JSON, which runs it and says, per table access,
// which index it used and how many rows it read. This is where a count's ratio between two portfolio
// sizes comes from.
import type { Logger } from 'typeorm';
import { Merchant } from '../entities';
import type { PlanStatus } from '../src/engine';
import { Database, openDatabase } from '../src/db/data-source';
import { BIG_MERCHANT_ID } from './portfolio';

/** Remembers the last statement TypeORM sent, with its parameters, so it can be analysed as sent. */
class LastStatement implements Logger {
  sql = '';
  parameters: unknown[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.sql = query;
    this.parameters = parameters ?? [];
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface CountCase { name: string; run: (db: Database, cap: number) => Promise<unknown> }

const PARTNER_ID = 1;
const byMerchant = (status?: PlanStatus) => (db: Database) => db.repositories.planCounts.ofMerchants([BIG_MERCHANT_ID], status ?? null);
const rootPlans = ({ partnerId, status }: { partnerId?: number; status?: PlanStatus }) => (db: Database) =>
  db.repositories.planCounts.total(partnerId ?? null, status ?? null);

const CASES: CountCase[] = [
  { name: "a merchant's plans", run: byMerchant() },
  { name: "a merchant's ACTIVE plans", run: byMerchant('ACTIVE') },
  { name: "a merchant's DELINQUENT plans", run: byMerchant('DELINQUENT') },
  { name: "a partner's plans", run: rootPlans({ partnerId: PARTNER_ID }) },
  { name: "a partner's DELINQUENT plans", run: rootPlans({ partnerId: PARTNER_ID, status: 'DELINQUENT' }) },
  { name: "every partner's DELINQUENT plans (analyst)", run: rootPlans({ status: 'DELINQUENT' }) },
  { name: "a partner's merchants", run: (db, cap) => db.repositories.reads.count(Merchant, PARTNER_ID, {}, cap) },
];

export interface TableAccess { table: string; access: string; key: string | null; rowsRead: number }
export interface CountFigures { ms: number; rowsRead: number; accesses: TableAccess[] }
export interface CountStatement { name: string; sql: string; small: CountFigures; big: CountFigures; ratio: number }

/** Each count on both databases, interleaved, median of `runs`; then its plan and rows read on each. */
export async function analyseCounts(smallUrl: string, bigUrl: string, cap: number, runs: number): Promise<CountStatement[]> {
  const statements = { small: new LastStatement(), big: new LastStatement() };
  const dbs = { small: await openDatabase(smallUrl, { logger: statements.small, poolSize: 1 }), big: await openDatabase(bigUrl, { logger: statements.big, poolSize: 1 }) };
  try {
    const results: CountStatement[] = [];
    for (const count of CASES) {
      const times: { small: number[]; big: number[] } = { small: [], big: [] };
      for (let i = 0; i < runs; i++) {
        for (const side of i % 2 === 0 ? ['small', 'big'] as const : ['big', 'small'] as const) {
          const started = process.hrtime.bigint();
          await count.run(dbs[side], cap);
          times[side].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      const sql = statements.big.sql;
      const figures = async (side: 'small' | 'big'): Promise<CountFigures> => ({
        ms: median(times[side]), ...await analyse(dbs[side], statements[side].sql, statements[side].parameters),
      });
      const [small, big] = [await figures('small'), await figures('big')];
      results.push({ name: count.name, sql, small, big, ratio: Math.round((big.ms / small.ms) * 100) / 100 });
    }
    return results;
  } finally {
    await Promise.all([dbs.small.dataSource.destroy(), dbs.big.dataSource.destroy()]);
  }
}

/** ANALYZE FORMAT=JSON runs the statement and reports each table access's r_rows (per loop) and r_loops. */
async function analyse(db: Database, sql: string, parameters: unknown[]): Promise<{ rowsRead: number; accesses: TableAccess[] }> {
  const [row]: Record<string, string>[] = await db.dataSource.query(`ANALYZE FORMAT=JSON ${sql}`, parameters);
  const accesses: TableAccess[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const table = (node as { table?: Record<string, unknown> }).table;
      if (table && typeof table.table_name === 'string' && !table.table_name.startsWith('<')) {
        accesses.push({
          table: table.table_name, access: String(table.access_type), key: (table.key as string | undefined) ?? null,
          rowsRead: Math.round(Number(table.r_rows ?? 0) * Number(table.r_loops ?? 1)),
        });
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(Object.values(row)[0]));
  const columns = await indexColumns(db);
  for (const access of accesses) if (access.key) access.key = `${access.key} (${columns.get(access.key) ?? '?'})`;
  return { rowsRead: accesses.reduce((sum, a) => sum + a.rowsRead, 0), accesses };
}

/** Index name → its columns, for reading which index served a count (TypeORM names indexes by hash). */
async function indexColumns(db: Database): Promise<Map<string, string>> {
  const rows: { name: string; columns: string }[] = await db.dataSource.query(
    `SELECT index_name AS name, GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', ') AS columns
       FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name`);
  return new Map(rows.map((r) => [r.name, r.columns]));
}

const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 100) / 100;
