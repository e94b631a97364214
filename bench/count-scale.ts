// totalCount at 10k vs 1M plans of one merchant on MariaDB: `npm run build && SEED=1 node dist/bench/count-scale.js`
// (COUNT_SCALE_DATABASE_URL, default mysql://root@127.0.0.1:3306/tenor_count_scale; BIG plans, default 1,000,000).
import 'reflect-metadata';
import { Merchant, Plan } from '../entities';
import { migrate, openDatabase } from '../src/db/data-source';


const URL = process.env.COUNT_SCALE_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/tenor_count_scale';
const SMALL = 10_000;
const BIG = Number(process.env.BIG ?? 1_000_000);
const CAP = 10_000;

async function main() {
  const db = await openDatabase(URL);
  const q = (s: string, p: unknown[] = []) => db.dataSource.query(s, p);
  const reads = db.repositories.reads;
  if (process.env.SEED) {
    await migrate(db);
    await q('SET FOREIGN_KEY_CHECKS = 0');
    await q('DELETE FROM plans'); await q('DELETE FROM merchants'); await q('DELETE FROM partners');
    await q("INSERT INTO partners (id, name, createdAt) VALUES (1, 'small', NOW()), (2, 'big', NOW())");
    await q("INSERT INTO merchants (id, partnerId, name, currency, createdAt) VALUES (1, 1, 'small', 'USD', NOW()), (2, 2, 'big', 'USD', NOW())");
    const statuses = "ELT(1 + (seq % 100 DIV 20), 'ACTIVE', 'PAID_OFF', 'DELINQUENT', 'REFUNDED', IF(seq % 100 = 99, 'CHARGED_OFF', 'VOIDED'))";
    const insert = (merchant: number, from: number, to: number) => q(
      `INSERT INTO plans (id, partnerId, merchantId, applicationId, offerId, kind, termCount, aprBps, disclosedAprBps, merchantFeeBps, currency, authorizedAmount, principal, refundedAmount, merchantFee, status, capturedOn, authorizationExpiresAt, createdAt, updatedAt, version)
       SELECT seq, ${merchant}, ${merchant}, seq, seq, 'INSTALLMENTS', 12, 999, 999, 300, 'USD', 100000, 100000, 0, 3000, ${statuses}, '2027-01-01', NOW(3), NOW(3), NOW(3), 1 FROM seq_${from}_to_${to}`);
    await insert(1, 1, SMALL);
    for (let start = SMALL + 1; start <= SMALL + BIG; start += 100_000) await insert(2, start, Math.min(start + 99_999, SMALL + BIG));
    await q('ANALYZE TABLE plans');
    console.log('seeded', await q('SELECT merchantId, COUNT(*) n FROM plans GROUP BY merchantId'));
  }
  const cases: [string, (m: number) => Promise<unknown>][] = [
    ['old merchant COUNT(*)', (m) => q('SELECT COUNT(*) n FROM plans WHERE merchantId = ?', [m])],
    ['old merchant+status COUNT(*)', (m) => q("SELECT COUNT(*) n FROM plans WHERE merchantId = ? AND status = 'ACTIVE'", [m])],
    ['old partner+status COUNT(*)', (m) => q("SELECT COUNT(*) n FROM plans WHERE partnerId = ? AND status = 'CHARGED_OFF'", [m])],
    ['merchant (countsByParent)', (m) => reads.countsByParent(Plan, 'merchantId', [m], {}, CAP)],
    ['merchant+status ACTIVE (countsByParent)', (m) => reads.countsByParent(Plan, 'merchantId', [m], { status: 'ACTIVE' }, CAP)],
    ['merchant+status CHARGED_OFF (countsByParent)', (m) => reads.countsByParent(Plan, 'merchantId', [m], { status: 'CHARGED_OFF' }, CAP)],
    ['partner (count)', (m) => reads.count(Plan, m, {}, CAP)],
    ['partner+status CHARGED_OFF (count)', (m) => reads.count(Plan, m, { status: 'CHARGED_OFF' }, CAP)],
    ['all+status CHARGED_OFF (count, analyst)', () => reads.count(Plan, null, { status: 'CHARGED_OFF' }, CAP)],
    ['partner merchants (count)', (m) => reads.count(Merchant, m, {}, CAP)],
  ];
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rounds = Number(process.env.ROUNDS ?? 21);
  for (const [name, run] of cases) {
    const times: Record<number, number[]> = { 1: [], 2: [] };
    for (let i = 0; i < rounds; i++) for (const m of [1, 2]) { // interleaved
      const t0 = process.hrtime.bigint(); await run(m); times[m].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const s = median(times[1]); const b = median(times[2]);
    console.log(`${name.padEnd(46)} 10k ${s.toFixed(2).padStart(8)} ms   ${BIG / 1000}k ${b.toFixed(2).padStart(8)} ms   ratio ${(b / s).toFixed(2)}`);
  }
  for (const s of [
    "EXPLAIN SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM plans e WHERE e.partnerId = 2 AND e.status = 'CHARGED_OFF' LIMIT 10001) t",
    "EXPLAIN SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM plans e WHERE e.status = 'CHARGED_OFF' LIMIT 10001) t",
    'EXPLAIN SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM plans e WHERE e.partnerId = 2 LIMIT 10001) t',
    "EXPLAIN SELECT 1 AS parent, COUNT(*) AS n FROM (SELECT 1 AS one FROM plans e WHERE e.merchantId = 1 AND e.status = 'ACTIVE' LIMIT 10001) p0 UNION ALL SELECT 2 AS parent, COUNT(*) AS n FROM (SELECT 1 AS one FROM plans e WHERE e.merchantId = 2 AND e.status = 'ACTIVE' LIMIT 10001) p1",
  ]) console.log(s.slice(8, 90), '\n', (await q(s)).map((r: Record<string, unknown>) => `${r.table} ${r.type} key=${r.key} rows=${r.rows} ${r.Extra}`).join('\n '));
  await db.dataSource.destroy();
}
main().catch((e) => { console.error(e); process.exit(1); });
