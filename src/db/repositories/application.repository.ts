import { Application, ApplicationEvent, Offer } from '../../../entities';
import type { ApplicationStatus } from '../../engine';
import { insertRows, withList } from '../sql/shapes';
import type { Dialect } from '../sql/dialect';
import type { StatementRunner } from '../sql/statement-runner';
import type { NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ applications: a, offers: o, applicationEvents: e }: TableNames, { forUpdate }: Dialect) => ({
  byId: `SELECT * FROM ${a} WHERE ${a.id} = ?`,
  byIdOfPartner: `SELECT * FROM ${a} WHERE ${a.id} = ? AND ${a.partnerId} = ?`,
  lock: `SELECT * FROM ${a} WHERE ${a.id} = ?${forUpdate}`,
  lockOfPartner: `SELECT * FROM ${a} WHERE ${a.id} = ? AND ${a.partnerId} = ?${forUpdate}`,
  lockMany: withList(`SELECT * FROM ${a} WHERE ${a.id} IN (...) ORDER BY ${a.id}${forUpdate}`),
  // Through the (status, expiresAt, id) index: only the approved applications past their expiry.
  expiredApproved: `SELECT ${a.id} AS id FROM ${a} WHERE ${a.status} = ? AND ${a.expiresAt} <= ? ORDER BY ${a.expiresAt}, ${a.id} LIMIT ?`,
  insert: insertRows(a),
  setStatus: `UPDATE ${a} SET ${a.status} = ?, ${a.version} = ${a.version} + 1 WHERE ${a.id} = ?`,
  recordEvent: insertRows(e),
  insertOffers: insertRows(o),
  offer: `SELECT * FROM ${o} WHERE ${o.id} = ? AND ${o.applicationId} = ?`,
  offersOf: `SELECT * FROM ${o} WHERE ${o.applicationId} = ? ORDER BY ${o.id}`,
});

/** Applications with their offers and their audit events. */
export class ApplicationRepository {
  private readonly applications = this.sql.tables.of(Application);
  private readonly offers = this.sql.tables.of(Offer);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** The application, unlocked; null when it is another partner's (`partnerId`; null: any partner's), like a missing one. */
  byId(id: number, partnerId: number | null): Promise<Application | null> {
    return partnerId === null
      ? this.sql.one(this.applications, this.s.byId, [id])
      : this.sql.one(this.applications, this.s.byIdOfPartner, [id, partnerId]);
  }

  /** The same, locked for the transaction (MySQL: `FOR UPDATE`). */
  lock(id: number, partnerId: number | null): Promise<Application | null> {
    return partnerId === null
      ? this.sql.one(this.applications, this.s.lock, [id])
      : this.sql.one(this.applications, this.s.lockOfPartner, [id, partnerId]);
  }

  /** Applications locked in id order, so two transactions locking overlapping sets never deadlock on the order. */
  lockMany(ids: readonly number[]): Promise<Application[]> {
    const sorted = [...ids].sort((x, y) => x - y);
    return this.sql.rows(this.applications, this.s.lockMany(sorted), sorted);
  }

  /** Ids of up to `limit` APPROVED applications whose expiry has come, oldest expiry first. */
  async expiredApproved(now: Date, limit: number): Promise<number[]> {
    const rows = await this.sql.values<{ id: number | string }>(this.s.expiredApproved,
      ['APPROVED', this.applications.persist('expiresAt', now), limit]);
    return rows.map((row) => Number(row.id));
  }

  insert(application: NewRow<Application>): Promise<number> {
    return this.sql.insert(this.s.insert, [application]);
  }

  async setStatus(id: number, status: ApplicationStatus): Promise<void> {
    await this.sql.write(this.s.setStatus, [status, id]);
  }

  recordEvent(event: NewRow<ApplicationEvent>): Promise<number> {
    return this.sql.insert(this.s.recordEvent, [event]);
  }

  insertOffers(offers: readonly NewRow<Offer>[]): Promise<number> {
    return this.sql.insert(this.s.insertOffers, offers);
  }

  /** An offer of this application only. */
  offer(id: number, applicationId: number): Promise<Offer | null> {
    return this.sql.one(this.offers, this.s.offer, [id, applicationId]);
  }

  offersOf(applicationId: number): Promise<Offer[]> {
    return this.sql.rows(this.offers, this.s.offersOf, [applicationId]);
  }
}
