// The scale bench's results: bench/results/scale.json, the goals of issue #15 checked against them,
// and a table on stdout.
import fs from 'node:fs';
import path from 'node:path';
import type { CountStatement } from './scale-counts';
import type { MassChange } from './scale-maintenance';
import type { Latency } from './scale-reads';
import type { ScaleSeed } from './scale-seed';

export interface SmallBig<T> { small: T; big: T; ratio: number }
export interface Timed { seconds: number; runs: number[] }
export interface UnderLoad { rps: number; p50: number; p99: number; peakRssMb: number | null; maxSampledRssMb: number | null }
export interface Goal { goal: string; figure: string; met: boolean }

export interface ScaleResults {
  startedAt: string;
  machine: { cpus: number; node: string; mariadb: string; innodbBufferPoolMb: number; loadAverage: { atStart: number[]; atEnd: number[] } };
  settings: { samples: number; loadSeconds: number; loadConnections: number; probeSeconds: number; totalCountCap: number };
  seed: { small: ScaleSeed & { sizeMb: number }; big: ScaleSeed & { sizeMb: number } };
  /** Wall time of one request, one at a time; ratio = big p50 / small p50. */
  reads: ({ name: string } & SmallBig<Latency>)[];
  /** `serve` from spawn to serving (median of the runs), and the CPU seconds it had used by then. */
  startUp: SmallBig<Timed & { cpuSeconds: number }>;
  /** runMaintenance with nothing due. */
  idleSweep: SmallBig<Timed>;
  /** NestedRead first page under autocannon load; ratio = big / small peak RSS. */
  underLoad: SmallBig<UnderLoad>;
  countStatements: CountStatement[];
  massChange: { small: MassChange; big: MassChange };
  goals: Goal[];
  totalSeconds: number;
}

export const READ_RATIO_GOAL = 1.2;
const IDLE_SWEEP_GOAL_SECONDS = 0.5;
const START_UP_GOAL_SECONDS = 2;
const MASS_CHANGE_GOAL_PLANS_PER_SECOND = 1_000;

export const ratio = (big: number, small: number) => (small === 0 ? 0 : Math.round((big / small) * 100) / 100);

/** Issue #15's goals, each with the figure that decides it. */
export function scaleGoals(r: Omit<ScaleResults, 'goals' | 'totalSeconds'>): Goal[] {
  const plans = r.seed.big.bigMerchantPlans.toLocaleString('en-US');
  const during = r.massChange.big.readsDuring;
  const duringRatio = during ? ratio(during.p50, r.massChange.big.readsBefore.p50) : null;
  return [
    ...r.reads.map((read) => ({
      goal: `${read.name}: ${plans} plans ≤ ${READ_RATIO_GOAL}x 10,000`, figure: `${read.ratio}x (${read.small.p50} → ${read.big.p50} ms)`, met: read.ratio <= READ_RATIO_GOAL,
    })),
    { goal: `idle sweep at ${plans} plans < ${IDLE_SWEEP_GOAL_SECONDS} s`, figure: `${r.idleSweep.big.seconds} s`, met: r.idleSweep.big.seconds < IDLE_SWEEP_GOAL_SECONDS },
    ...(['small', 'big'] as const).map((side) => ({
      goal: `serve start-up at ${r.seed[side].bigMerchantPlans.toLocaleString('en-US')} plans < ${START_UP_GOAL_SECONDS} s`,
      figure: `${r.startUp[side].seconds} s`, met: r.startUp[side].seconds < START_UP_GOAL_SECONDS,
    })),
    {
      goal: `mass status change at ${plans} plans ≥ ${MASS_CHANGE_GOAL_PLANS_PER_SECOND.toLocaleString('en-US')} plans/s`,
      figure: `${r.massChange.big.plansPerSecond} plans/s (${r.massChange.big.plans} in ${r.massChange.big.seconds} s)`,
      met: r.massChange.big.plansPerSecond >= MASS_CHANGE_GOAL_PLANS_PER_SECOND,
    },
    {
      goal: `reads keep their latency during the mass change: p50 ≤ ${READ_RATIO_GOAL}x before`,
      figure: during ? `${duringRatio}x (${r.massChange.big.readsBefore.p50} → ${during.p50} ms, ${during.samples} reads)` : 'no read ran inside the sweep',
      met: duringRatio !== null && duringRatio <= READ_RATIO_GOAL,
    },
  ];
}

export function writeScaleResults(results: ScaleResults): string {
  const file = path.join(process.cwd(), 'bench', 'results', 'scale.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function printScaleTable(r: ScaleResults): void {
  const rows: string[][] = [['measurement', '10k', r.seed.big.bigMerchantPlans.toLocaleString('en-US'), 'ratio']];
  for (const read of r.reads) rows.push([read.name, `${read.small.p50} ms`, `${read.big.p50} ms`, `${read.ratio}x`]);
  rows.push(['serve start-up', `${r.startUp.small.seconds} s`, `${r.startUp.big.seconds} s`, `${r.startUp.ratio}x`]);
  rows.push(['serve start-up, its CPU time', `${r.startUp.small.cpuSeconds} s`, `${r.startUp.big.cpuSeconds} s`, '']);
  rows.push(['idle sweep', `${r.idleSweep.small.seconds} s`, `${r.idleSweep.big.seconds} s`, `${r.idleSweep.ratio}x`]);
  rows.push(['peak RSS under load', `${r.underLoad.small.peakRssMb} MB`, `${r.underLoad.big.peakRssMb} MB`, `${r.underLoad.ratio}x`]);
  rows.push(['NestedRead rps under load', `${r.underLoad.small.rps}`, `${r.underLoad.big.rps}`, `${ratio(r.underLoad.big.rps, r.underLoad.small.rps)}x`]);
  rows.push(['mass status change', `${r.massChange.small.plansPerSecond} plans/s`, `${r.massChange.big.plansPerSecond} plans/s`, '']);
  for (const c of r.countStatements) rows.push([`count statement: ${c.name}`, `${c.small.ms} ms, ${c.small.rowsRead} rows`, `${c.big.ms} ms, ${c.big.rowsRead} rows`, `${c.ratio}x`]);
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  for (const row of rows) console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
  console.log('');
  for (const g of r.goals) console.log(`${g.met ? 'met    ' : 'NOT MET'}  ${g.goal}: ${g.figure}`);
}
