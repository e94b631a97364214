import { Plan, PlanEvent } from '../../../entities';
import type { IsoDate } from '../../engine';
import type { Dialect } from '../sql/dialect';
import { insertRows, updateRows, withList } from '../sql/shapes';
import type { StatementRunner } from '../sql/statement-runner';
import type { Changes, NewRow } from '../table';
import type { TableNames } from '../tables';

const statements = ({ plans: p, planEvents: e }: TableNames, { forUpdate }: Dialect) => ({
  lock: `SELECT * FROM ${p} WHERE ${p.id} = ?${forUpdate}`,
  lockOfPartner: `SELECT * FROM ${p} WHERE ${p.id} = ? AND ${p.partnerId} = ?${forUpdate}`,
  lockMany: withList(`SELECT * FROM ${p} WHERE ${p.id} IN (...) ORDER BY ${p.id}${forUpdate}`),
  // Keyset pages through the (nextStatusCheckOn, id) index, in its order: each page reads its own entries only.
  due: `SELECT ${p.id} AS id, ${p.nextStatusCheckOn} AS nextStatusCheckOn FROM ${p} WHERE ${p.nextStatusCheckOn} <= ? `
    + `ORDER BY ${p.nextStatusCheckOn}, ${p.id} LIMIT ?`,
  dueAfter: `SELECT ${p.id} AS id, ${p.nextStatusCheckOn} AS nextStatusCheckOn FROM ${p} WHERE ${p.nextStatusCheckOn} <= ? `
    + `AND (${p.nextStatusCheckOn} > ? OR (${p.nextStatusCheckOn} = ? AND ${p.id} > ?)) ORDER BY ${p.nextStatusCheckOn}, ${p.id} LIMIT ?`,
  insert: insertRows(p),
  // A command's one write of its plan, no re-read.
  save: updateRows(p, { bumpVersion: true }),
  recordEvents: insertRows(e),
});

/** A plan due for a status check, as the maintenance sweep pages through them. */
export interface DuePlan { id: number; nextStatusCheckOn: IsoDate }

/** Plans and their audit trail (events are appended, never updated or deleted). */
export class PlanRepository {
  private readonly plans = this.sql.tables.of(Plan);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  /** The plan locked for the transaction; null when it is another partner's (`partnerId`; null: any partner's), like a missing one. */
  lock(id: number, partnerId: number | null): Promise<Plan | null> {
    return partnerId === null
      ? this.sql.one(this.plans, this.s.lock, [id])
      : this.sql.one(this.plans, this.s.lockOfPartner, [id, partnerId]);
  }

  /** Plans locked in id order, so two sweeps, or a sweep and a command, never deadlock on the order. */
  lockMany(ids: readonly number[]): Promise<Plan[]> {
    const sorted = [...ids].sort((x, y) => x - y);
    return this.sql.rows(this.plans, this.s.lockMany(sorted), sorted);
  }

  /** Up to `limit` plans whose next status check is on or before `today`, after `after` in (nextStatusCheckOn, id) order. */
  async dueForStatusCheck(today: IsoDate, after: DuePlan | null, limit: number): Promise<DuePlan[]> {
    type Row = { id: number | string; nextStatusCheckOn: string };
    const rows = after
      ? await this.sql.values<Row>(this.s.dueAfter, [today, after.nextStatusCheckOn, after.nextStatusCheckOn, after.id, limit])
      : await this.sql.values<Row>(this.s.due, [today, limit]);
    return rows.map((row) => ({ id: Number(row.id), nextStatusCheckOn: String(row.nextStatusCheckOn) }));
  }

  insert(plan: NewRow<Plan>): Promise<number> {
    return this.sql.insert(this.s.insert, [plan]);
  }

  /** Writes the changes and increments the plan's version. */
  save(id: number, changes: Changes<Plan>): Promise<void> {
    return this.sql.update(this.s.save.byId(id, changes));
  }

  /** The same change to many plans in one statement (the sweep: plans that share an outcome). */
  async saveMany(ids: readonly number[], changes: Changes<Plan>): Promise<void> {
    if (ids.length > 0) await this.sql.update(this.s.save.byIds(ids, changes));
  }

  /** Appends events to plans' audit trails in one INSERT. */
  async recordEvents(events: readonly NewRow<PlanEvent>[]): Promise<void> {
    if (events.length > 0) await this.sql.insert(this.s.recordEvents, events);
  }
}
