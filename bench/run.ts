// `npm run bench` (issue #6): seeds a large portfolio into MySQL/MariaDB, starts the gateway in
// production mode and the hand-written baseline, checks they answer alike, then times each scenario
// with autocannon, interleaving the two servers, and reports ratios, SQL per request, RSS and the
// engine's offers/s. Settings: BENCH_DATABASE_URL, BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS.
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { measureOffersPerSecond } from './engine-bench';
import { CONNECTIONS, load, RunFigures, Target } from './measure';
import { checkoutUrls, estimatesBody, HEADERS, nestedReadBody, repaymentBody, runCheckout, SCENARIO_NAMES, scenarios, Side, TRIVIAL } from './operations';
import { assertParity } from './parity';
import { cpuTimeMs, LIMITS_OUT_OF_THE_WAY, memoryMb, Server, startServer, stopServer } from './processes';
import { runScaleBench } from './scale';
import { BenchResults, goals, printTable, ratioOf, ScenarioResult, SqlCount, writeResults } from './report';
import { seedBenchDatabase } from './seed-bench';
import { StatementCounter } from './sql-count';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'mysql://root@127.0.0.1:3306/tenor_bench';
const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 3);
/** BENCH_ONLY=estimates,checkout: check and time only these scenarios (SQL counts still cover all). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const isTimed = (name: string) => ONLY.length === 0 || ONLY.includes(name);

const log = (line: string) => console.log(`[bench] ${line}`);

async function mariadbVersion(): Promise<string> {
  const connection = await mysql.createConnection(DATABASE_URL.replace(/\/[A-Za-z0-9_]+$/, '/'));
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
  await connection.end();
  return rows[0].v as string;
}

/**
 * One timed run against `server`, with its CPU time per request (steadier than requests/s on a
 * shared 2-core machine) and, for the gateway, its RSS sampled every 250 ms.
 */
async function loadSampling(target: Target, seconds: number, server: Server, rssSamples: number[] | null): Promise<RunFigures> {
  const timer = rssSamples ? setInterval(() => rssSamples.push(memoryMb(server, 'VmRSS') ?? 0), 250) : null;
  const cpuBefore = cpuTimeMs(server);
  try {
    const figures = await load(target, seconds);
    const cpuAfter = cpuTimeMs(server);
    const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && figures.requests > 0
      ? Math.round(((cpuAfter - cpuBefore) / figures.requests) * 100) / 100 : null;
    return { ...figures, cpuMsPerRequest };
  } finally {
    if (timer) clearInterval(timer);
  }
}

const best = (runs: RunFigures[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));

async function post(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body });
  return response.text();
}

/** Statements of each checkout step (fewest over a few whole checkouts: each needs a fresh shopper). */
async function countCheckout(counter: StatementCounter, side: Side, urls: [string, string, string], runId: string): Promise<SqlCount> {
  const fewest = [Infinity, Infinity, Infinity];
  for (let attempt = 0; attempt < 5; attempt++) {
    let step = 0;
    const counted = async (url: string, body: string) => {
      let text = '';
      const statements = await counter.count(async () => {
        text = await post(url, body);
      }, 1);
      fewest[step] = Math.min(fewest[step], statements);
      step++;
      return text;
    };
    await runCheckout(counted, side, urls, `${runId}-count-${side}-${attempt}`);
  }
  return { createApplication: fewest[0], acceptOffer: fewest[1], capturePlan: fewest[2] };
}

/** Statements per request of each scenario, for both servers, counted with nothing else timed. */
async function countStatements(tenorUrl: string, baselineOrigin: string, runId: string): Promise<Record<string, { tenor: SqlCount; baseline: SqlCount }>> {
  const counter = await StatementCounter.open(DATABASE_URL);
  try {
    const both = async (tenor: () => Promise<unknown>, baseline: () => Promise<unknown>) => ({ tenor: await counter.count(tenor), baseline: await counter.count(baseline) });
    const read = async (first: number) => both(() => post(tenorUrl, nestedReadBody(first)), () => post(`${baselineOrigin}/nested-read`, nestedReadBody(first)));
    const [first10, first100] = [await read(10), await read(100)];
    let n = 0;
    // The last plan of each pool, which the timed runs reach last: its history stays like the others'.
    const pay = (side: 'tenor' | 'baseline', url: string) => () => post(url, repaymentBody(side, 1_999, `${runId}-count-${side}-${n++}`));
    return {
      'nested-read': {
        tenor: { atFirst10: first10.tenor, atFirst100: first100.tenor },
        baseline: { atFirst10: first10.baseline, atFirst100: first100.baseline },
      },
      trivial: await both(() => post(tenorUrl, JSON.stringify({ query: TRIVIAL })), () => post(`${baselineOrigin}/viewer`, JSON.stringify({ query: TRIVIAL }))),
      repayment: await both(pay('tenor', tenorUrl), pay('baseline', `${baselineOrigin}/repayment`)),
      estimates: await both(() => post(tenorUrl, estimatesBody(123_457)), () => post(`${baselineOrigin}/estimates`, estimatesBody(123_457))),
      checkout: {
        tenor: await countCheckout(counter, 'tenor', checkoutUrls('tenor', tenorUrl, baselineOrigin), runId),
        baseline: await countCheckout(counter, 'baseline', checkoutUrls('baseline', tenorUrl, baselineOrigin), runId),
      },
    } as Record<string, { tenor: SqlCount; baseline: SqlCount }>;
  } finally {
    await counter.close();
  }
}

async function main(): Promise<void> {
  // A misspelt name would time nothing and still report success.
  const unknown = ONLY.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names no scenario ${unknown.join(', ')}; the scenarios are ${SCENARIO_NAMES.join(', ')}`);
  const started = Date.now();
  const runId = `bench-${started}`;
  // First, before this run loads MariaDB (after a load test it keeps purging for a while, which took
  // up to a third off this single-core figure); the best of three runs for what else may be running.
  log('engine offers/s ...');
  const engine = measureOffersPerSecond();
  log(`seeding ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} ...`);
  const seed = await seedBenchDatabase(DATABASE_URL, new Date());
  log(`seeded ${Object.entries(seed.rows).map(([t, n]) => `${n} ${t}`).join(', ')} in ${seed.seconds} s`);

  const gateway = await startServer('Tenor', path.join(__dirname, '..', 'src', 'server', 'main.js'), {
    NODE_ENV: 'production', DATABASE_URL, LOG_LEVEL: 'warn', ...LIMITS_OUT_OF_THE_WAY,
  });
  const baseline = await startServer('baseline', path.join(__dirname, 'baseline-server.js'), { NODE_ENV: 'production', DATABASE_URL });
  const tenorUrl = `${gateway.origin}/graphql`;
  try {
    log('checking that Tenor and the baseline answer alike ...');
    const parity = await assertParity(tenorUrl, baseline.origin, runId, isTimed);
    log(`parity ok ${JSON.stringify(parity.byteIdentical)}`);
    const sql = await countStatements(tenorUrl, baseline.origin, runId);
    log(`SQL per request ${JSON.stringify(sql)}`);

    const rssSamples: number[] = [];
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(tenorUrl, baseline.origin, runId).filter((s) => isTimed(s.name))) {
      log(`${scenario.name}: warm-up ${WARMUP_SECONDS} s each, then ${ROUNDS} x ${SECONDS} s per server, interleaved`);
      await load(scenario.tenor, WARMUP_SECONDS);
      await load(scenario.baseline, WARMUP_SECONDS);
      const runs: { tenor: RunFigures[]; baseline: RunFigures[] } = { tenor: [], baseline: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.tenor.push(await loadSampling(scenario.tenor, SECONDS, gateway, rssSamples));
        runs.baseline.push(await loadSampling(scenario.baseline, SECONDS, baseline, null));
        const [t, b] = [runs.tenor.at(-1)!, runs.baseline.at(-1)!];
        log(`  round ${round + 1}: Tenor ${t.rps} rps (${t.cpuMsPerRequest} ms CPU/request), baseline ${b.rps} rps (${b.cpuMsPerRequest} ms CPU/request)`);
      }
      const failures = [...runs.tenor, ...runs.baseline].reduce((sum, r) => sum + r.failures, 0);
      if (failures > 0) throw new Error(`${scenario.name}: ${failures} failed or wrong responses during the timed runs`);
      const tenor = best(runs.tenor);
      const base = best(runs.baseline);
      results.push({
        name: scenario.name, tenor, baseline: base, ratio: ratioOf(tenor.rps, base.rps), p99Ratio: ratioOf(tenor.p99, base.p99),
        sqlPerRequest: sql[scenario.name].tenor, baselineSqlPerRequest: sql[scenario.name].baseline,
      });
    }
    const gatewayMemory = { peakRssMb: memoryMb(gateway, 'VmHWM'), maxSampledRssMb: rssSamples.length ? Math.max(...rssSamples) : null };
    const baselineMemory = { peakRssMb: memoryMb(baseline, 'VmHWM') };
    await Promise.all([stopServer(gateway), stopServer(baseline)]);

    const partial = { scenarios: results, gateway: gatewayMemory };
    const report: BenchResults = {
      startedAt: new Date(started).toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, mariadb: await mariadbVersion() },
      settings: { connections: CONNECTIONS, pipelining: 1, seconds: SECONDS, rounds: ROUNDS, warmupSeconds: WARMUP_SECONDS },
      seed, parity, ...partial, baselineServer: baselineMemory, engine, goals: goals({ ...partial, engine }),
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    const file = writeResults(report);
    console.log('');
    printTable(report);
    log(`written to ${path.relative(process.cwd(), file)}`);
  } finally {
    await Promise.all([stopServer(gateway), stopServer(baseline)]);
  }
}

// `npm run bench -- --scale`: a 10,000-plan against a 1,000,000-plan portfolio instead (bench/scale.ts).
(process.argv.includes('--scale') ? runScaleBench : main)().catch((error: unknown) => {
  console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
