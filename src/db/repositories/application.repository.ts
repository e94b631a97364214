import { Application, ApplicationEvent, Offer } from '../../../entities';
import type { ApplicationStatus } from '../../engine';
import { Sql, withList } from '../sql';
import type { NewRow } from '../table';
import type { Dialect, TableNames } from '../tables';

const statements = ({ applications: a }: TableNames, { forUpdate }: Dialect) => ({
  lockMany: withList(`SELECT * FROM ${a} WHERE ${a.id} IN (...) ORDER BY ${a.id}${forUpdate}`),
  // Through the (status, expiresAt, id) index: only the approved applications past their expiry.
  expiredApproved: `SELECT ${a.id} AS id FROM ${a} WHERE ${a.status} = ? AND ${a.expiresAt} <= ? ORDER BY ${a.expiresAt}, ${a.id} LIMIT ?`,
});

/** Applications with their offers and their audit events. */
export class ApplicationRepository {
  private readonly applications = this.sql.tables.of(Application);
  private readonly offers = this.sql.tables.of(Offer);
  private readonly events = this.sql.tables.of(ApplicationEvent);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  /** `SELECT * FROM applications WHERE id = ? [AND partnerId = ?]`, unlocked. */
  byId(id: number, partnerId: number | null): Promise<Application | null> {
    return this.sql.one(this.applications, { id, partnerId });
  }

  /** The same, locked for the transaction (MySQL: `FOR UPDATE`). */
  lock(id: number, partnerId: number | null): Promise<Application | null> {
    return this.sql.one(this.applications, { id, partnerId }, { forUpdate: true });
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
    return this.sql.insert(this.applications, [application]);
  }

  /** `UPDATE applications SET status = ?, version = version + 1 WHERE id = ?`. */
  setStatus(id: number, status: ApplicationStatus): Promise<void> {
    return this.sql.update(this.applications, id, { status }, { bumpVersion: true });
  }

  recordEvent(event: NewRow<ApplicationEvent>): Promise<number> {
    return this.sql.insert(this.events, [event]);
  }

  insertOffers(offers: readonly NewRow<Offer>[]): Promise<number> {
    return this.sql.insert(this.offers, offers);
  }

  /** `SELECT * FROM offers WHERE id = ? AND applicationId = ?`: an offer of this application only. */
  offer(id: number, applicationId: number): Promise<Offer | null> {
    return this.sql.one(this.offers, { id, applicationId });
  }

  offersOf(applicationId: number): Promise<Offer[]> {
    return this.sql.select(this.offers, { applicationId }, { orderBy: 'id' });
  }
}
