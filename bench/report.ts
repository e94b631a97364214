// The results as a table on stdout and as bench/results/latest.json.
import fs from 'node:fs';
import path from 'node:path';
import type { RunFigures } from './measure';

export interface ScenarioResult {
  name: string;
  tenor: RunFigures;
  baseline: RunFigures;
  ratio: number;
  p99Ratio: number;
  /** Tenor's statements per request; for nested-read `{ atFirst10, atFirst100 }`, for checkout per step. */
  sqlPerRequest: SqlCount;
  baselineSqlPerRequest: SqlCount;
}

export type SqlCount = number | Record<string, number>;

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; node: string; mariadb: string };
  settings: { connections: number; pipelining: number; seconds: number; rounds: number; warmupSeconds: number };
  seed: { rows: Record<string, number>; seconds: number };
  parity: unknown;
  scenarios: ScenarioResult[];
  gateway: { peakRssMb: number | null; maxSampledRssMb: number | null };
  baselineServer: { peakRssMb: number | null };
  engine: { offersPerSecond: number; maxAprIterations: number };
  goals: { goal: string; met: boolean }[];
  totalSeconds: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
export const ratioOf = (a: number, b: number) => (b === 0 ? 0 : round2(a / b));

/**
 * The goals of issue #15 (item 6), then the floors of issue #6 that hold whatever else moves, checked
 * against this run. A scenario left out of the run (BENCH_ONLY) has no goal to check.
 */
export function goals(results: Pick<BenchResults, 'scenarios' | 'gateway' | 'engine'>): { goal: string; met: boolean }[] {
  const by = (name: string) => results.scenarios.find((s) => s.name === name);
  const read = by('nested-read');
  const sql = read?.sqlPerRequest as { atFirst10: number; atFirst100: number } | undefined;
  const ratio = (name: string, at: number, floor = '') => {
    const scenario = by(name);
    return scenario ? [{ goal: `${floor}${name} rps >= ${at}x baseline`, met: scenario.ratio >= at }] : [];
  };
  return [
    ...ratio('nested-read', 0.8),
    ...(read ? [{ goal: 'nested-read p99 <= 1.5x baseline', met: read.p99Ratio <= 1.5 }] : []),
    ...ratio('trivial', 0.7),
    ...ratio('repayment', 0.9),
    ...ratio('estimates', 0.8),
    ...ratio('checkout', 0.8),
    ...(sql ? [{ goal: 'nested-read SQL identical at first 10 and first 100', met: sql.atFirst10 === sql.atFirst100 }] : []),
    { goal: 'gateway peak RSS < 300 MB', met: results.gateway.peakRssMb !== null && results.gateway.peakRssMb < 300 },
    { goal: 'engine >= 120,000 offers/s on one core', met: results.engine.offersPerSecond >= 120_000 },
    ...ratio('nested-read', 0.5, 'floor (#6): '),
    ...(read ? [{ goal: 'floor (#6): nested-read p99 <= 2.5x baseline', met: read.p99Ratio <= 2.5 }] : []),
    ...ratio('trivial', 0.4, 'floor (#6): '),
    ...ratio('repayment', 0.6, 'floor (#6): '),
  ];
}

function sqlCell(s: ScenarioResult): string {
  const show = (v: SqlCount) => (typeof v === 'number' ? String(v) : Object.values(v).join('/'));
  return `${show(s.sqlPerRequest)} vs ${show(s.baselineSqlPerRequest)}`;
}

export function printTable(results: BenchResults): void {
  const header = ['scenario', 'Tenor rps', 'p50', 'p99', 'baseline rps', 'p50', 'p99', 'ratio', 'p99 ratio', 'SQL/request (Tenor vs baseline)'];
  const rows = results.scenarios.map((s) => [
    s.name, s.tenor.rps, `${s.tenor.p50} ms`, `${s.tenor.p99} ms`, s.baseline.rps, `${s.baseline.p50} ms`, `${s.baseline.p99} ms`,
    `${s.ratio}x`, `${s.p99Ratio}x`, sqlCell(s),
  ].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  const cpu = results.scenarios.map((s) => `${s.name} ${s.tenor.cpuMsPerRequest ?? '?'} vs ${s.baseline.cpuMsPerRequest ?? '?'}`).join(', ');
  console.log(`\nCPU ms per request in those rounds (Tenor vs baseline process): ${cpu}.`);
  console.log(`SQL is shown as first10/first100 for nested-read, createApplication/acceptOffer/capturePlan for checkout (whose rps counts each of the three requests). Gateway peak RSS ${results.gateway.peakRssMb} MB (max sampled under load ${results.gateway.maxSampledRssMb} MB); baseline ${results.baselineServer.peakRssMb} MB.`);
  console.log(`Engine: ${results.engine.offersPerSecond} offers/s (36-month, Appendix J APR), solver worst case ${results.engine.maxAprIterations} iterations.`);
  console.log('\nGoals:');
  for (const g of results.goals) console.log(`  ${g.met ? 'met    ' : 'NOT MET'}  ${g.goal}`);
  console.log(`\nTotal ${results.totalSeconds} s.`);
}

export function writeResults(results: BenchResults): string {
  const file = path.join(process.cwd(), 'bench', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
