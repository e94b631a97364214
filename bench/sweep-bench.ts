// The maintenance sweep on a large synthetic portfolio: `node dist/bench/sweep-bench.js [plans] [due]`
// (defaults 200,000 and 50,000) against SWEEP_BENCH_DATABASE_URL (default
// mysql://root@127.0.0.1:3306/tenor_sweep_bench, recreated). Every plan is pay in 4 with its first
// installment paid; `due` of them are 29 days past due today, so tomorrow's sweep makes them
// DELINQUENT. Prints the idle sweep today, the same day's old candidate query for comparison, and the
// mass change tomorrow in plans per second, with the load average.
import 'reflect-metadata';
import os from 'node:os';
import mysql from 'mysql2/promise';
import { migrate, openDatabase } from '../src/db/data-source';
import { parseDatabaseUrl } from '../src/db/database-url';
import { addDays, DELINQUENT_AFTER_DAYS } from '../src/engine';
import { businessDate } from '../src/services/business-date';
import { DEFAULT_LENDING_POLICY } from '../src/services/lending-policy';
import { sweepStatuses } from '../src/services/lifecycle/status-sweep';

const CHUNK = 5_000;
const NOW = new Date('2027-06-15T15:00:00Z');
const TOMORROW = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

type Value = string | number | Date | null;

async function insertChunked(connection: mysql.Connection, table: string, columns: string[], count: number, row: (i: number) => Value[][]): Promise<void> {
  const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let start = 0; start < count; start += CHUNK) {
    const values: Value[][] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) values.push(...row(i));
    await connection.query(head, [values]);
  }
}

async function seed(connection: mysql.Connection, plans: number, due: number, today: string): Promise<void> {
  await connection.query('SET foreign_key_checks = 0, unique_checks = 0');
  await connection.query(`INSERT INTO partners (id, name, createdAt) VALUES (1, 'Sweep Bench', ?)`, [NOW]);
  await connection.query(`INSERT INTO merchants (id, partnerId, name, currency, createdAt) VALUES (1, 1, 'Sweep Megastore', 'USD', ?)`, [NOW]);
  // Due plans: captured 43 days ago, second installment 29 days past due. The rest: captured 5 days ago.
  const capturedOn = (i: number) => addDays(today, i < due ? -43 : -5);
  const created = (i: number) => new Date(`${capturedOn(i)}T12:00:00Z`);
  await insertChunked(connection, 'applications', ['id', 'partnerId', 'merchantId', 'amount', 'currency', 'status', 'applicantFirstName',
    'applicantLastName', 'applicantEmail', 'applicantCreditScore', 'createdAt', 'expiresAt', 'version'], plans, (i) => [[
    i + 1, 1, 1, 10_000, 'USD', 'ACCEPTED', 'Sweep', `Shopper ${i}`, `sweep${i}@example.com`, 760, created(i), created(i), 1]]);
  await insertChunked(connection, 'plans', ['id', 'partnerId', 'merchantId', 'applicationId', 'offerId', 'kind', 'termCount', 'aprBps',
    'disclosedAprBps', 'merchantFeeBps', 'currency', 'authorizedAmount', 'principal', 'refundedAmount', 'merchantFee', 'status', 'capturedOn',
    'authorizationExpiresAt', 'createdAt', 'updatedAt', 'version', 'nextStatusCheckOn'], plans, (i) => [[
    i + 1, 1, 1, i + 1, i + 1, 'PAY_IN_4', 4, 0, 0, 500, 'USD', 10_000, 10_000, 0, 500, 'ACTIVE', capturedOn(i), created(i), created(i), created(i), 1,
    // As savePlan stores it: the oldest unpaid due date (the second installment) + DELINQUENT_AFTER_DAYS.
    addDays(capturedOn(i), 14 + DELINQUENT_AFTER_DAYS)]]);
  await insertChunked(connection, 'installments', ['planId', 'sequence', 'dueDate', 'amountDue', 'principal', 'interest', 'amountPaid',
    'principalPaid', 'interestPaid', 'status'], plans, (i) => [1, 2, 3, 4].map((sequence) => [
    i + 1, sequence, addDays(capturedOn(i), 14 * (sequence - 1)), 2_500, 2_500, 0, sequence === 1 ? 2_500 : 0, sequence === 1 ? 2_500 : 0, 0,
    sequence === 1 ? 'PAID' : 'PENDING']));
  await connection.query('SET foreign_key_checks = 1, unique_checks = 1');
  await connection.query('ANALYZE TABLE plans, installments, applications');
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

/** The sweep's candidate query before nextStatusCheckOn (a correlated EXISTS per plan), for the before/after figure. */
const OLD_CANDIDATES = `SELECT p.id FROM plans p WHERE (p.status = 'AUTHORIZED' AND p.authorizationExpiresAt <= ?)
  OR (p.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM installments i WHERE i.planId = p.id AND i.amountPaid < i.amountDue AND i.dueDate <= ?))
  OR (p.status = 'DELINQUENT' AND NOT EXISTS (SELECT 1 FROM installments i WHERE i.planId = p.id AND i.amountPaid < i.amountDue AND i.dueDate <= ?))
  OR (p.status IN ('ACTIVE', 'DELINQUENT') AND EXISTS (SELECT 1 FROM installments i WHERE i.planId = p.id AND i.amountPaid < i.amountDue AND i.dueDate <= ?))`;

async function main(): Promise<void> {
  const plans = Number(process.argv[2] ?? 200_000);
  const due = Number(process.argv[3] ?? 50_000);
  const url = process.env.SWEEP_BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/tenor_sweep_bench';
  const target = parseDatabaseUrl(url);
  if (target.driver !== 'mysql') throw new Error('SWEEP_BENCH_DATABASE_URL must be a mysql:// URL');
  const connection = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password, timezone: 'Z' });
  await connection.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
  const db = await openDatabase(url);
  await migrate(db);
  await connection.query(`USE \`${target.database}\``);
  const today = businessDate(NOW, DEFAULT_LENDING_POLICY.timeZone);
  const seeded = await timed(() => seed(connection, plans, due, today));
  console.log(`seeded ${plans} plans (${due} due tomorrow) in ${seeded.seconds.toFixed(1)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const idle: number[] = [];
  for (let run = 0; run < 5; run++) {
    const { seconds, value } = await timed(() => sweepStatuses(db, NOW, DEFAULT_LENDING_POLICY));
    if (value !== 0) throw new Error(`the idle sweep changed ${value} statuses`);
    idle.push(seconds);
  }
  idle.sort((a, b) => a - b);
  const [plan] = await connection.query(`EXPLAIN SELECT id, nextStatusCheckOn FROM plans WHERE nextStatusCheckOn <= ? ORDER BY nextStatusCheckOn, id LIMIT 500`, [today]);
  const delinquentCutoff = addDays(today, -DELINQUENT_AFTER_DAYS);
  const chargeOffCutoff = addDays(today, -DEFAULT_LENDING_POLICY.chargeOffAfterDays);
  const old = await timed(() => connection.query(OLD_CANDIDATES, [NOW, delinquentCutoff, delinquentCutoff, chargeOffCutoff]));
  console.log(`idle sweep: median ${(idle[2] * 1000).toFixed(1)} ms, best ${(idle[0] * 1000).toFixed(1)} ms (old candidate query alone: ${(old.seconds * 1000).toFixed(0)} ms); plan ${JSON.stringify(plan)}`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const mass = await timed(() => sweepStatuses(db, TOMORROW, DEFAULT_LENDING_POLICY));
  const [[{ delinquent }]] = await connection.query(`SELECT COUNT(*) AS delinquent FROM plans WHERE status = 'DELINQUENT'`) as unknown as [[{ delinquent: number }]];
  const [[{ events }]] = await connection.query(`SELECT COUNT(*) AS events FROM plan_events WHERE toStatus = 'DELINQUENT'`) as unknown as [[{ events: number }]];
  console.log(`mass change: ${mass.value} plans in ${mass.seconds.toFixed(1)} s = ${Math.round(mass.value / mass.seconds)} plans/s (DELINQUENT now ${delinquent}, events ${events}); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const after = await timed(() => sweepStatuses(db, TOMORROW, DEFAULT_LENDING_POLICY));
  console.log(`idle again tomorrow: ${(after.seconds * 1000).toFixed(1)} ms, ${after.value} changed`);
  await db.dataSource.destroy();
  await connection.end();
}

main().catch((error) => { console.error(error); process.exit(1); });
