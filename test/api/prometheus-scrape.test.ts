import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';
import { sparePort } from '../support/spare-port';
import { allRules, dashboardExpressions, metricNamesIn } from '../support/promql-names';

/** Debian's `prometheus` package; .ci/run installs it, so CI always runs this test. */
const PROMETHEUS = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'prometheus')).find((file) => fs.existsSync(file));

if (!PROMETHEUS) console.warn('prometheus-scrape.test.ts SKIPPED: no `prometheus` binary on PATH (apt-get install prometheus; .ci/run does)');
const describeWithPrometheus = PROMETHEUS ? describe : describe.skip;

let t: TestGateway;
let prometheus: ChildProcess;
let api: string;
let dir: string;
let output = '';

async function query(expr: string): Promise<{ status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } }> {
  const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return response.json() as Promise<{ status: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } }>;
}

/**
 * Prometheus scrapes on its own clock, so the test watches the scrapes themselves: Prometheus scrapes
 * the gateway through this pass-through, and a target's scrapes follow one another (scrape, append,
 * commit, wait, scrape), so once the second has begun the first one's samples can be queried.
 */
function scrapeRelay(metricsUrl: string): { port: Promise<number>; scrapes: (count: number) => Promise<void>; close(): void } {
  let seen = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((_request, response) => {
    seen += 1;
    waiting.filter((w) => w.count <= seen).forEach((w) => w.resolve());
    void fetch(metricsUrl).then(async (upstream) => {
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
      response.end(await upstream.text());
    }, () => response.writeHead(502).end());
  });
  const port = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  const scrapes = (count: number) => new Promise<void>((resolve, reject) => {
    if (seen >= count) return resolve();
    waiting.push({ count, resolve });
    prometheus.once('exit', (code) => reject(new Error(`prometheus exited (${code}) before scrape ${count}:\n${output.slice(-3000)}`)));
  });
  return { port, scrapes, close: () => server.close() };
}

let relay: ReturnType<typeof scrapeRelay>;

beforeAll(async () => {
  if (!PROMETHEUS) return;
  t = await startTestGateway('prometheus_scrape');
  // Series for the request metrics exist once a request was served.
  await postQuery(t.url, KEYS.acme, 'query Viewer { viewer { role } }');
  await postQuery(t.url, KEYS.acme, 'mutation RecordRepayment { recordRepayment(input: { planId: "x", amount: { amount: "1.00", currency: USD }, idempotencyKey: "scrape" }) { userErrors { code } } }');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenor-prometheus-'));
  relay = scrapeRelay(t.gateway.metricsUrl);
  const target = await relay.port;
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'scrape_configs:',
    '  - job_name: tenor',
    `    static_configs: [{ targets: ["127.0.0.1:${target}"] }]`,
  ].join('\n'));
  const port = await sparePort();
  api = `http://127.0.0.1:${port}`;
  prometheus = spawn(PROMETHEUS, [
    `--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  prometheus.stdout!.on('data', (chunk) => (output += chunk));
  prometheus.stderr!.on('data', (chunk) => (output += chunk));
  await relay.scrapes(2);
}, 90_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await exited;
  }
  relay?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describeWithPrometheus('Prometheus scraping the gateway', () => {
  it('sees the target up', async () => {
    expect((await query('up{job="tenor"}')).data!.result.map((r) => r.value[1])).toEqual(['1']);
  });

  it('has at least one series of every metric the alert rules use', async () => {
    const recorded = new Set(allRules().flatMap((rule) => (rule.record ? [rule.record] : [])));
    const names = [...new Set(allRules().flatMap((rule) => metricNamesIn(rule.expr)))].filter((name) => !recorded.has(name));
    expect(names.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const name of names) if (((await query(`count(${name})`)).data?.result.length ?? 0) === 0) missing.push(name);
    expect(missing).toEqual([]);
  });

  it('accepts every dashboard expression', async () => {
    const refused: string[] = [];
    for (const { where, expr } of dashboardExpressions()) {
      const concrete = expr.replaceAll('$__rate_interval', '1m').replace(/\$\w+/g, '.*');
      const answer = await query(concrete);
      if (answer.status !== 'success') refused.push(`${where}: ${answer.error}`);
    }
    expect(refused).toEqual([]);
  });
});
