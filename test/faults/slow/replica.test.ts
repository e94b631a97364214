import { GraphQLClient } from 'graphql-request';
import { CreateApplicationDocument, MerchantProgramsDocument, MerchantsDocument } from '../../../schema/generated/graphql';
import { ReplicaHealth, ReplicaState } from '../../../src/db/replica-monitor';
import { ReadRouting } from '../../../src/db/replica';
import { Gateway, startGateway } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { createLogger } from '../../../src/server/logger';
import { KEYS } from '../../support/gateway';
import { scrape, valueOf } from '../../support/prometheus-text';
import { recordFigure } from '../support/figures';
import { ReplicatedPair, startReplicatedPair } from '../support/replication';

// Analysts on a real MariaDB replica: two mariadbd processes with binlog replication between them.
const CHECK_MS = 100;
const TIMEOUT_MS = 500;
const MAX_LAG_SECONDS = 30;
/** A failed check is noticed by the next one: one interval, plus connect and query timeouts, plus slack for a busy machine. */
const FALLBACK_BOUND_MS = CHECK_MS + 2 * TIMEOUT_MS + 3_000;
const REPLICA_COPY = ' (replica copy)';
const NOW = '2027-03-01T12:00:00Z';

let pair: ReplicatedPair;
let gateway: Gateway;
let merchantId: string;
const logLines: { level: number; msg: string; replica?: { health: ReplicaHealth } }[] = [];
const client = (key: string) => new GraphQLClient(gateway.url, { headers: { authorization: `Bearer ${key}` } });
const state = () => gateway.reads.state() as ReplicaState;

beforeAll(async () => {
  pair = await startReplicatedPair();
  const logger = createLogger('info', { write: (line: string) => logLines.push(JSON.parse(line)) });
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', TENOR_NOW: NOW, DATABASE_URL: pair.primary.url,
    DATABASE_REPLICA_URL: pair.replicaReaderUrl, REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
  });
  gateway = await startGateway(config, { statusSweepMs: 0, logger, replicaCheck: { intervalMs: CHECK_MS, timeoutMs: TIMEOUT_MS } });
  await pair.caughtUp();
  // The replica is read-only for the gateway's reader, not for root: one row made to differ there
  // shows which server answered.
  await pair.replica.query(`UPDATE tenor_faults.merchants SET name = CONCAT(name, '${REPLICA_COPY}') WHERE name = 'Acme Outdoor'`);
  const { merchants } = await client(KEYS.acme).request(MerchantsDocument, { first: 10 });
  merchantId = merchants.edges.find((edge) => edge.node.name === 'Acme Outdoor')!.node.id;
  await untilHealth('replicating');
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await pair?.close();
});

/** Polls the monitor's verdict (it checks every CHECK_MS) up to the fallback bound; how long it took, in ms. */
async function untilHealth(health: ReplicaHealth): Promise<number> {
  const started = Date.now();
  while (state().health !== health) {
    if (Date.now() > started + FALLBACK_BOUND_MS) throw new Error(`replica still ${state().health} (${state().reason}) after ${FALLBACK_BOUND_MS} ms, expected ${health}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** Acme Outdoor's name as the key's reads see it, through a root list and through a by-id loader. */
async function namesSeenBy(key: string): Promise<string[]> {
  const { merchants } = await client(key).request(MerchantsDocument, { first: 10 });
  const { merchant } = await client(key).request(MerchantProgramsDocument, { id: merchantId });
  return [merchants.edges.find((edge) => edge.node.id === merchantId)!.node.name, merchant!.name];
}

const selects = async (server: 'primary' | 'replica') =>
  Number((await pair[server].query<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Com_select'"))[0].Value);

/** The replica's gauges as GET /metrics shows them. */
async function gauges(): Promise<{ inUse: number; lag: number }> {
  const samples = await scrape(gateway.metricsUrl);
  return { inUse: valueOf(samples, 'tenor_db_replica_in_use'), lag: valueOf(samples, 'tenor_db_replica_lag_seconds') };
}

/** The log lines about where analysts read, from `mark` on. */
const routingLines = (mark: number) => logLines.slice(mark).filter((line) => line.msg.startsWith('analysts read from'))
  .map((line) => `${line.level === 40 ? 'warn' : 'info'} ${line.replica!.health}`);

/** Several checks in the new state, so a line per check (not per change) would show. */
async function checkThrice(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await gateway.reads.check();
}

describe(ReadRouting.name, () => {
  it('answers analysts\' root lists and loaders from the replica', async () => {
    expect(await namesSeenBy(KEYS.analyst)).toEqual([`Acme Outdoor${REPLICA_COPY}`, `Acme Outdoor${REPLICA_COPY}`]);
    const { inUse, lag } = await gauges();
    expect(inUse).toBe(1);
    expect(lag).toBeLessThanOrEqual(MAX_LAG_SECONDS);
  });

  it('answers partners and admins from the primary', async () => {
    expect(await namesSeenBy(KEYS.acme)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
    expect(await namesSeenBy(KEYS.admin)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
  });

  it('runs a mutation and reads its payload on the primary, with not one statement on the replica', async () => {
    const [primaryBefore, replicaBefore] = [await selects('primary'), await selects('replica')];
    const { createApplication } = await client(KEYS.acme).request(CreateApplicationDocument, { input: {
      merchantId, amount: { amount: '250.00', currency: 'USD' }, idempotencyKey: 'replica-test-application',
      applicant: { firstName: 'Rae', lastName: 'Plica', email: 'rae@example.com', creditScore: 780 },
    } });
    expect(createApplication.application?.offers.length).toBeGreaterThan(0);
    expect(await selects('replica')).toBe(replicaBefore);
    expect(await selects('primary')).toBeGreaterThan(primaryBefore);
  });

  it('serves analysts from the primary while replication is stopped, and says so once each way', async () => {
    const mark = logLines.length;
    await pair.replica.query('STOP SLAVE SQL_THREAD');
    recordFigure('replica', 'ms from STOP SLAVE to analysts on the primary', await untilHealth('stopped'));
    // `since` is the gateway's clock (TENOR_NOW here), not the machine's.
    expect(state()).toMatchObject({ source: 'primary', lagSeconds: null, reason: expect.stringContaining('SQL thread No'), since: new Date(NOW) });
    expect(await namesSeenBy(KEYS.analyst)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
    expect(await gauges()).toEqual({ inUse: 0, lag: Number.NaN });
    await checkThrice();
    await pair.replica.query('START SLAVE SQL_THREAD');
    await untilHealth('replicating');
    await checkThrice();
    expect(routingLines(mark)).toEqual(['warn stopped', 'info replicating']);
    expect(logLines.slice(mark).map((line) => line.msg)).toContain('analysts read from the primary: replica stopped (IO thread Yes, SQL thread No)');
    expect(await namesSeenBy(KEYS.analyst)).toEqual([`Acme Outdoor${REPLICA_COPY}`, `Acme Outdoor${REPLICA_COPY}`]);
  });

  it('serves analysts from the primary while the replica lags beyond REPLICA_MAX_LAG_SECONDS', async () => {
    const mark = logLines.length;
    // Real lag without waiting for it: the replica holds back each event an hour, and the primary
    // stamps this one ten minutes in the past, so the replica is ten minutes behind at once.
    await pair.primary.query('CREATE DATABASE lag_probe; CREATE TABLE lag_probe.beats (id INT PRIMARY KEY)');
    await pair.caughtUp();
    await pair.replica.query('STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 3600; START SLAVE');
    await pair.primary.query('SET timestamp = UNIX_TIMESTAMP() - 600; INSERT INTO lag_probe.beats VALUES (1)');
    recordFigure('replica', 'ms from a 600 s lag to analysts on the primary', await untilHealth('lagging'));
    expect(state().lagSeconds).toBeGreaterThanOrEqual(600);
    expect(state()).toMatchObject({ source: 'primary', reason: expect.stringContaining(`limit ${MAX_LAG_SECONDS} s`) });
    expect(await namesSeenBy(KEYS.analyst)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
    const { inUse, lag } = await gauges();
    expect(inUse).toBe(0);
    expect(lag).toBeGreaterThanOrEqual(600);
    await checkThrice();
    // Reconfiguring the delay stops replication for a moment, which a check may see and log.
    const whileLagging = routingLines(mark);
    expect(whileLagging.filter((line) => line === 'warn lagging')).toHaveLength(1);
    expect(whileLagging.at(-1)).toBe('warn lagging');
    await pair.replica.query('STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE');
    await pair.caughtUp();
    await untilHealth('replicating');
    expect(routingLines(mark).at(-1)).toBe('info replicating');
  });

  it('serves analysts from the primary while the replica does not answer', async () => {
    const mark = logLines.length;
    pair.replica.freeze();
    try {
      recordFigure('replica', 'ms from SIGSTOP to analysts on the primary', await untilHealth('unreachable'));
      expect(state().source).toBe('primary');
      expect(await namesSeenBy(KEYS.analyst)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
      await checkThrice();
    } finally {
      pair.replica.thaw();
    }
    await untilHealth('replicating');
    expect(routingLines(mark)).toEqual(['warn unreachable', 'info replicating']);
  });

  it('serves analysts from the primary when the replica is gone', async () => {
    await pair.replica.kill();
    await untilHealth('unreachable');
    expect(state().reason).toMatch(/ECONNREFUSED|closed|lost/i);
    expect(await namesSeenBy(KEYS.analyst)).toEqual(['Acme Outdoor', 'Acme Outdoor']);
  });
});
