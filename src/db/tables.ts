import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import {
  ApiKey, ApplicantCreditLock, Application, ApplicationEvent, FinancingProgram, IdempotencyRecord, Installment, Merchant, Offer,
  Partner, Plan, PlanEvent, PlanStatusCount, PlanStatusCountCheck, Refund, Repayment, RepaymentAllocation,
} from '../../entities';
import { assertColumnsNamedAsProperties } from './column-names';
import type { Dialect } from './sql/dialect';
import { Column, Table } from './table';

/** Every table our SQL names, by the name statements use for it. */
const ENTITIES = {
  partners: Partner, apiKeys: ApiKey, merchants: Merchant, programs: FinancingProgram, applications: Application, offers: Offer,
  applicationEvents: ApplicationEvent, applicantLocks: ApplicantCreditLock, plans: Plan, installments: Installment, repayments: Repayment,
  allocations: RepaymentAllocation, refunds: Refund, planEvents: PlanEvent, idempotencyRecords: IdempotencyRecord,
  planStatusCounts: PlanStatusCount, planStatusCountChecks: PlanStatusCountCheck,
} as const;

type TableKey = keyof typeof ENTITIES;
type EntityOf<K extends TableKey> = InstanceType<(typeof ENTITIES)[K]>;
export type EntityClass<T> = new () => T;

/** Reaches the Table behind an entity's names (insertRows and updateRows convert values through it). */
export const TABLE = Symbol('table');

/** A table's names for writing a statement: `${p}` is the table, `${p.status}` a column; an unknown column throws. */
export type Names<T> = { readonly [K in Column<T>]: string };

/** An entity's names, with the Table that converts its values. */
export type EntityNames<T extends ObjectLiteral> = Names<T> & { readonly [TABLE]: Table<T> };

/** Every table's names, for a repository's statements. */
export type TableNames = { readonly [K in TableKey]: EntityNames<EntityOf<K>> };

/**
 * The tables of one database (the primary, or a read replica), built from the entity metadata
 * and quoted by its dialect when it opens. Building them is the start-up check of our SQL against
 * the entities: every column is named as its property (rows are read as entities), and every
 * statement of a repository is built here once, from these names, so one naming a column the entity
 * does not have stops the start.
 */
export class Tables {
  readonly names: TableNames;
  private readonly byEntity = new Map<Function, Table<ObjectLiteral>>();
  private readonly built = new Map<(names: TableNames, dialect: Dialect) => unknown, unknown>();

  /** `driver`: TypeORM's, for its value conversions (transformers, dates); it need not be connected. */
  constructor(metadatas: readonly EntityMetadata[], driver: Driver, readonly dialect: Dialect) {
    assertColumnsNamedAsProperties(metadatas);
    for (const metadata of metadatas) this.byEntity.set(metadata.target as Function, new Table(metadata, driver, dialect));
    const names: Partial<Record<TableKey, unknown>> = {};
    for (const [key, entity] of Object.entries(ENTITIES) as [TableKey, Function][]) names[key] = namesOf(this.of(entity as EntityClass<ObjectLiteral>));
    this.names = names as TableNames;
  }

  /** The table of an entity; throws for a class that is not an entity of this data source. */
  of<T extends ObjectLiteral>(entity: EntityClass<T>): Table<T> {
    const table = this.byEntity.get(entity);
    if (!table) throw new Error(`${entity.name} is not an entity of this data source`);
    return table as unknown as Table<T>;
  }

  /**
   * A repository's statements, built from the names and the dialect once per database and kept: the
   * repositories of the database are created when it opens, so a statement naming what the entities
   * lack fails the start.
   */
  statements<S>(build: (names: TableNames, dialect: Dialect) => S): S {
    let built = this.built.get(build) as S | undefined;
    if (built === undefined) this.built.set(build, (built = build(this.names, this.dialect)));
    return built;
  }
}

/**
 * The names of a table that is no entity (worker_leases, the migration lock): declared beside the
 * repository that owns it, quoted by the dialect like an entity's.
 */
export function plainNames<T>(dialect: Dialect, table: string, columns: readonly Column<T>[]): Names<T> {
  const names: Record<string, string> = {};
  for (const column of columns) names[column] = dialect.quote(column);
  const quoted = dialect.quote(table);
  return Object.freeze(Object.assign(names, { toString: () => quoted })) as unknown as Names<T>;
}

/**
 * A table's names as an object for template literals. A proxy, because it must refuse what the
 * entity does not store; it is read only while statements are built, never on a request's path.
 */
function namesOf<T extends ObjectLiteral>(table: Table<T>): EntityNames<T> {
  return new Proxy({}, {
    get(_target, property) {
      if (property === Symbol.toPrimitive || property === 'toString') return () => table.name;
      if (property === TABLE) return table;
      if (typeof property !== 'string') return undefined;
      return table.column(property as Column<T>);
    },
  }) as EntityNames<T>;
}
