import { Application, Plan } from '../../../entities';
import type { PlanStatus } from '../../engine';
import { Sql, withList } from '../sql';
import type { TableNames } from '../tables';

const statements = ({ applicantLocks: l, applications: a, plans: p }: TableNames) => ({
  lock: `INSERT INTO ${l} (${l.email}, ${l.createdAt}) VALUES (?, ?) ON DUPLICATE KEY UPDATE ${l.email} = ${l.email}`,
  applications: `SELECT * FROM ${a} WHERE ${a.applicantEmail} = ? AND ${a.status} = ?`,
  plans: withList(`SELECT p.* FROM ${p} p INNER JOIN ${a} a ON a.${a.id} = p.${p.applicationId} `
    + `WHERE a.${a.applicantEmail} = ? AND p.${p.status} IN (...)`),
});

/**
 * One applicant (a normalized email) across every partner: the lock that serializes their credit
 * decisions and the rows their exposure is computed from.
 */
export class ApplicantRepository {
  private readonly applications = this.sql.tables.of(Application);
  private readonly plans = this.sql.tables.of(Plan);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  /**
   * Holds the applicant's row of `applicant_credit_locks` until the transaction ends, in one
   * statement: the upsert creates the row, exclusively locked as every inserted row is, or finds it
   * and takes an exclusive lock on it, as InnoDB does for INSERT … ON DUPLICATE KEY UPDATE on a
   * duplicate key (a plain INSERT would take a shared one); a second decision for the applicant
   * waits there until the first commits. A row lock rather than GET_LOCK, which distributed MySQL
   * engines restrict. SQLite needs none: its write queue runs one write transaction at a time.
   */
  async lock(email: string, now: Date): Promise<void> {
    if (!this.sql.tables.mysql) return;
    await this.sql.write(this.s.lock, [email, now]);
  }

  /** The applicant's applications in one status, at every partner. */
  applicationsIn(email: string, status: Application['status']): Promise<Application[]> {
    return this.sql.rows(this.applications, this.s.applications, [email, status]);
  }

  /** The applicant's plans in these statuses, at every partner. */
  plansIn(email: string, statuses: readonly PlanStatus[]): Promise<Plan[]> {
    return this.sql.rows(this.plans, this.s.plans(statuses), [email, ...statuses]);
  }
}
