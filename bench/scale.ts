// `npm run bench -- --scale` (issue #15 item 4): does a million plans cost what ten thousand do?
// Seeds two portfolios that differ only in the size of the big merchant (10,000 plans and
// BENCH_BIG_MERCHANT_PLANS, default 1,000,000), starts the real gateway (`serve`, production) on
// each, and measures both the same way, interleaved: reads one request at a time, start-up, RSS and
// throughput under load, the idle sweep, totalCount's statements, and a mass status change of half
// the big portfolio by the worker role while a partner keeps reading. Writes bench/results/scale.json.
// Settings: BENCH_SCALE_DATABASE_URL (databases <name>_small and <name>_big, dropped at the end
// unless BENCH_SCALE_KEEP_DATABASES=1; BENCH_SCALE_REUSE_DATABASES=1 takes kept ones that still fit),
// BENCH_BIG_MERCHANT_PLANS, BENCH_SCALE_SAMPLES, BENCH_SCALE_LOAD_SECONDS, BENCH_SCALE_PROBE_SECONDS.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTIONS, load } from './measure';
import { BIG_MERCHANT_PLANS } from './portfolio';
import { LIMITS_OUT_OF_THE_WAY, memoryMb, Server, startServer, stopServer } from './processes';
import { analyseCounts } from './scale-counts';
import { timeIdleSweep, timeMassChange } from './scale-maintenance';
import { SCALE_READS, Side, timeInterleaved } from './scale-reads';
import { printScaleTable, ratio, ScaleResults, scaleGoals, UnderLoad, writeScaleResults } from './scale-report';
import { GATEWAY_MAIN, StartUp, timeServeStart } from './scale-roles';
import { databaseSizeMb, keptPortfolio, ScaleSeed, seedScaleDatabase } from './scale-seed';
import { databaseName, openConnection } from './seed-bench';
import { HEADERS } from './operations';

const BASE_URL = process.env.BENCH_SCALE_DATABASE_URL || 'mysql://root@127.0.0.1:3306/tenor_bench_scale';
const BIG_PLANS = Number(process.env.BENCH_BIG_MERCHANT_PLANS || 1_000_000);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES || 25);
const LOAD_SECONDS = Number(process.env.BENCH_SCALE_LOAD_SECONDS || 10);
const PROBE_SECONDS = Number(process.env.BENCH_SCALE_PROBE_SECONDS || 10);
const KEEP_DATABASES = process.env.BENCH_SCALE_KEEP_DATABASES === '1';
/** Skips the seed (13 minutes at 1M) when a kept database already holds today's portfolio, unswept. */
const REUSE_DATABASES = process.env.BENCH_SCALE_REUSE_DATABASES === '1';
/** The gateway's default, set explicitly so the counts analysed are the ones the gateway runs. */
const TOTAL_COUNT_CAP = 10_000;
/**
 * A read that takes longer than the production deadline (READ_DEADLINE_MS, 5 s; statements 5 s) is
 * answered TIMEOUT there; here it is timed to its end, so the figure says how far over it is.
 */
const DEADLINES_OUT_OF_THE_WAY = { READ_DEADLINE_MS: '600000', DATABASE_STATEMENT_TIMEOUT_MS: '600000' };
const START_UPS = 3;
const COUNT_RUNS = 15;
/** What a plan of the scale portfolio takes on disk with its rows (2,268 MB for 1,005,000 plans). */
const BYTES_PER_PLAN = 2_300;

const SIDES = ['small', 'big'] as const;
type SideName = (typeof SIDES)[number];
const log = (line: string) => console.log(`[bench:scale] ${line}`);
const withDatabase = (url: string, suffix: string) => url.replace(/\/([A-Za-z0-9_]+)$/, `/$1_${suffix}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bothRatio = <T>(small: T, big: T, of: (t: T) => number) => ({ small, big, ratio: ratio(of(big), of(small)) });

export async function runScaleBench(): Promise<void> {
  const started = Date.now();
  if (!Number.isInteger(BIG_PLANS) || BIG_PLANS < BIG_MERCHANT_PLANS) throw new Error(`BENCH_BIG_MERCHANT_PLANS must be an integer of at least ${BIG_MERCHANT_PLANS}`);
  const urls: Record<SideName, string> = { small: withDatabase(BASE_URL, 'small'), big: withDatabase(BASE_URL, 'big') };
  const machine = await describeMachine(urls.small, BIG_PLANS);
  const now = new Date();
  const seed = {} as Record<SideName, ScaleSeed & { sizeMb: number }>;
  for (const [side, plans] of [['small', BIG_MERCHANT_PLANS], ['big', BIG_PLANS]] as const) {
    log(`seeding ${databaseName(urls[side])} with a merchant of ${plans.toLocaleString('en-US')} plans ...`);
    const kept = REUSE_DATABASES ? await keptPortfolio(urls[side], now, plans) : null;
    if (kept) log('  reusing the portfolio an earlier run kept');
    const seeded = kept ?? await seedScaleDatabase(urls[side], now, plans, log);
    seed[side] = { ...seeded, sizeMb: await sizeOf(urls[side]) };
    log(`  ${Object.entries(seeded.rows).map(([t, n]) => `${n} ${t}`).join(', ')} in ${seeded.seconds} s, ${seed[side].sizeMb} MB`);
  }
  const env = (side: SideName) => ({
    NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: urls[side], TOTAL_COUNT_CAP: String(TOTAL_COUNT_CAP), ...LIMITS_OUT_OF_THE_WAY,
    ...DEADLINES_OUT_OF_THE_WAY,
  });

  log(`serve start-up, ${START_UPS} times each ...`);
  const startRuns: Record<SideName, StartUp[]> = { small: [], big: [] };
  for (let i = 0; i < START_UPS; i++) for (const side of SIDES) startRuns[side].push(await timeServeStart(env(side)));
  const startUp = (runs: StartUp[]) => ({
    seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds ?? NaN)), runs: runs.map((r) => r.seconds),
  });

  const gateways = {} as Record<SideName, Server>;
  try {
    for (const side of SIDES) gateways[side] = await startServer(`serve (${side})`, GATEWAY_MAIN, env(side), 120_000, ['serve']);
    const sides: Record<SideName, Side> = {
      small: { url: `${gateways.small.origin}/graphql`, target: { bigMerchantPlans: BIG_MERCHANT_PLANS } },
      big: { url: `${gateways.big.origin}/graphql`, target: { bigMerchantPlans: BIG_PLANS } },
    };
    const reads = [];
    for (const read of SCALE_READS) {
      const { small, big } = await timeInterleaved(read, sides.small, sides.big, SAMPLES);
      reads.push({ name: read.name, ...bothRatio(small, big, (l) => l.p50) });
      log(`${read.name}: ${small.p50} ms vs ${big.p50} ms (${reads.at(-1)!.ratio}x)`);
    }

    log(`NestedRead under load, ${CONNECTIONS} connections, ${LOAD_SECONDS} s each ...`);
    const underLoad = {} as Record<SideName, UnderLoad>;
    for (const side of SIDES) underLoad[side] = await loadWithRss(gateways[side], sides[side], LOAD_SECONDS);

    log('idle sweep ...');
    const idleSweep = { small: await timeIdleSweep(urls.small, new Date()), big: await timeIdleSweep(urls.big, new Date()) };
    log(`  ${idleSweep.small.seconds} s vs ${idleSweep.big.seconds} s`);

    log(`totalCount statements, ${COUNT_RUNS} runs each ...`);
    const countStatements = await analyseCounts(urls.small, urls.big, TOTAL_COUNT_CAP, COUNT_RUNS);

    const massChange = {} as Record<SideName, Awaited<ReturnType<typeof timeMassChange>>>;
    for (const side of SIDES) {
      log(`mass status change (${seed[side].dueTomorrow} plans) by the worker role, reads probing ...`);
      const [first] = SCALE_READS;
      massChange[side] = await timeMassChange(urls[side], now, { url: sides[side].url, body: first.body(sides[side].target), expect: first.expect }, PROBE_SECONDS);
      if (massChange[side].becameDelinquent < seed[side].dueTomorrow) throw new Error(`the mass change made ${massChange[side].becameDelinquent} plans DELINQUENT, ${seed[side].dueTomorrow} were due`);
      log(`  ${massChange[side].plans} plans in ${massChange[side].seconds} s = ${massChange[side].plansPerSecond} plans/s`);
    }

    const partial = {
      startedAt: new Date(started).toISOString(),
      machine: { ...machine, loadAverage: { ...machine.loadAverage, atEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) } },
      settings: { samples: SAMPLES, loadSeconds: LOAD_SECONDS, loadConnections: CONNECTIONS, probeSeconds: PROBE_SECONDS, totalCountCap: TOTAL_COUNT_CAP },
      seed,
      reads,
      startUp: bothRatio(startUp(startRuns.small), startUp(startRuns.big), (t) => t.seconds),
      idleSweep: bothRatio(idleSweep.small, idleSweep.big, (t) => t.seconds),
      underLoad: bothRatio(underLoad.small, underLoad.big, (u) => u.peakRssMb ?? 0),
      countStatements,
      massChange,
    };
    const results: ScaleResults = { ...partial, goals: scaleGoals(partial), totalSeconds: Math.round((Date.now() - started) / 1000) };
    const file = writeScaleResults(results);
    console.log('');
    printScaleTable(results);
    log(`written to ${path.relative(process.cwd(), file)} in ${results.totalSeconds} s`);
  } finally {
    await Promise.all(Object.values(gateways).map(stopServer));
    if (!KEEP_DATABASES) await dropDatabases(Object.values(urls));
  }
}

/** NestedRead's first page under autocannon, sampling the gateway's RSS; VmHWM afterwards is the true peak. */
async function loadWithRss(gateway: Server, side: Side, seconds: number): Promise<UnderLoad> {
  const [nested] = SCALE_READS;
  const body = nested.body(side.target);
  const target = { headers: HEADERS, steps: [{ url: side.url, body: () => body, check: (text: string) => {
    if (text.includes('"errors"') || !text.includes(nested.expect)) throw new Error(text.slice(0, 300));
  } }] };
  await load(target, 3);
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(memoryMb(gateway, 'VmRSS') ?? 0), 250);
  try {
    const figures = await load(target, seconds);
    if (figures.failures > 0) throw new Error(`${gateway.name}: ${figures.failures} failed or wrong answers under load`);
    return { rps: figures.rps, p50: figures.p50, p99: figures.p99, peakRssMb: memoryMb(gateway, 'VmHWM'), maxSampledRssMb: samples.length ? Math.max(...samples) : null };
  } finally {
    clearInterval(timer);
  }
}

/** The machine and MariaDB, and whether the big database will fit where MariaDB keeps its files (when that is this machine). */
async function describeMachine(url: string, bigPlans: number) {
  const connection = await openConnection(url, false);
  try {
    const [[row]] = await connection.query('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool, @@datadir AS datadir') as unknown as
      [[{ version: string; pool: number | string; datadir: string }]];
    const needed = bigPlans * BYTES_PER_PLAN;
    if (fs.existsSync(row.datadir)) {
      const disk = fs.statfsSync(row.datadir);
      const free = disk.bavail * disk.bsize;
      log(`${(free / 1e9).toFixed(1)} GB free in ${row.datadir}; the big portfolio takes about ${(needed / 1e9).toFixed(1)} GB`);
      if (free < 2 * needed) throw new Error(`not enough disk for ${bigPlans} plans: ${(free / 1e9).toFixed(1)} GB free, want twice ${(needed / 1e9).toFixed(1)} GB`);
    }
    return {
      cpus: os.cpus().length, node: process.version, mariadb: row.version, innodbBufferPoolMb: Math.round(Number(row.pool) / 2 ** 20),
      loadAverage: { atStart: os.loadavg().map((l) => Math.round(l * 100) / 100), atEnd: [] as number[] },
    };
  } finally {
    await connection.end();
  }
}

async function sizeOf(url: string): Promise<number> {
  const connection = await openConnection(url, false);
  try {
    return await databaseSizeMb(connection, databaseName(url));
  } finally {
    await connection.end();
  }
}

async function dropDatabases(urls: string[]): Promise<void> {
  const connection = await openConnection(urls[0], false);
  try {
    for (const url of urls) await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
    log(`dropped ${urls.map((u) => databaseName(u)).join(', ')} (BENCH_SCALE_KEEP_DATABASES=1 keeps them)`);
  } finally {
    await connection.end();
  }
}
