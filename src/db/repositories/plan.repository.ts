import { Plan, PlanEvent } from '../../../entities';
import type { IsoDate } from '../../engine';
import { Sql, withList } from '../sql';
import type { Changes, NewRow } from '../table';
import type { Dialect, TableNames } from '../tables';

const statements = ({ plans: p }: TableNames, { forUpdate }: Dialect) => ({
  lockMany: withList(`SELECT * FROM ${p} WHERE ${p.id} IN (...) ORDER BY ${p.id}${forUpdate}`),
  // Keyset pages through the (nextStatusCheckOn, id) index, in its order: each page reads its own entries only.
  due: `SELECT ${p.id} AS id, ${p.nextStatusCheckOn} AS nextStatusCheckOn FROM ${p} WHERE ${p.nextStatusCheckOn} <= ? `
    + `ORDER BY ${p.nextStatusCheckOn}, ${p.id} LIMIT ?`,
  dueAfter: `SELECT ${p.id} AS id, ${p.nextStatusCheckOn} AS nextStatusCheckOn FROM ${p} WHERE ${p.nextStatusCheckOn} <= ? `
    + `AND (${p.nextStatusCheckOn} > ? OR (${p.nextStatusCheckOn} = ? AND ${p.id} > ?)) ORDER BY ${p.nextStatusCheckOn}, ${p.id} LIMIT ?`,
});

/** A plan due for a status check, as the maintenance sweep pages through them. */
export interface DuePlan { id: number; nextStatusCheckOn: IsoDate }

/** Plans and their audit trail (events are appended, never updated or deleted). */
export class PlanRepository {
  private readonly plans = this.sql.tables.of(Plan);
  private readonly events = this.sql.tables.of(PlanEvent);
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: Sql) {}

  /** `SELECT * FROM plans WHERE id = ? [AND partnerId = ?] FOR UPDATE`: another partner's plan is null, like a missing one. */
  lock(id: number, partnerId: number | null): Promise<Plan | null> {
    return this.sql.one(this.plans, { id, partnerId }, { forUpdate: true });
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
    return this.sql.insert(this.plans, [plan]);
  }

  /** `UPDATE plans SET … , version = version + 1 WHERE id = ?`: a command's one write of its plan, no re-read. */
  save(id: number, changes: Changes<Plan>): Promise<void> {
    return this.sql.update(this.plans, id, changes, { bumpVersion: true });
  }

  /** The same change to many plans in one statement (the sweep: plans that share an outcome). */
  saveMany(ids: readonly number[], changes: Changes<Plan>): Promise<void> {
    return this.sql.updateMany(this.plans, ids, changes, { bumpVersion: true });
  }

  /** Appends events to plans' audit trails in one INSERT. */
  async recordEvents(events: readonly NewRow<PlanEvent>[]): Promise<void> {
    if (events.length > 0) await this.sql.insert(this.events, events);
  }
}
