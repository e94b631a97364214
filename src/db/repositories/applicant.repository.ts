import { ApplicantCreditLock, Application, Plan } from '../../../entities';
import type { PlanStatus } from '../../engine';
import type { Dialect } from '../sql/dialect';
import { withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { TableNames } from '../tables';

const statements = ({ applicantLocks: l, applications: a, plans: p }: TableNames, { onConflictKeep }: Dialect) => ({
  lock: `INSERT INTO ${l} (${l.email}, ${l.createdAt}) VALUES (?, ?)${onConflictKeep([l.email])}`,
  applications: `SELECT * FROM ${a} WHERE ${a.applicantEmail} = ? AND ${a.status} = ?`,
  plans: withList(`SELECT p.* FROM ${p} p INNER JOIN ${a} a ON a.${a.id} = p.${p.applicationId} `
    + `WHERE a.${a.applicantEmail} = ? AND p.${p.status} IN (...)`),
});

/**
 * One applicant (a normalized email) across every partner: the lock that serializes their credit
 * decisions and the rows their exposure is computed from.
 */
export class ApplicantRepository {
  private readonly locks = this.sql.tables.of(ApplicantCreditLock);
  private readonly applications = this.sql.tables.of(Application);
  private readonly plans = this.sql.tables.of(Plan);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /**
   * Holds the applicant's row of `applicant_credit_locks` until the transaction ends, in one
   * statement: the upsert creates the row, exclusively locked as every inserted row is, or finds it
   * and locks it (Dialect.onConflictKeep); a second decision for the applicant waits there until the
   * first commits. A row lock rather than GET_LOCK, which distributed MySQL engines restrict.
   * Without row locks (SQLite) nothing is sent: its write queue runs one write transaction at a time.
   */
  async lock(email: string, now: Date): Promise<void> {
    if (!this.sql.dialect.rowLocks) return;
    await this.sql.write(this.s.lock, [email, this.locks.persist('createdAt', now)]);
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
