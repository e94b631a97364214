import type { DataSource, ObjectLiteral } from 'typeorm';
import {
  ApiKey, ApplicantCreditLock, Application, ApplicationEvent, FinancingProgram, IdempotencyRecord, Installment, Merchant, Offer,
  Partner, Plan, PlanEvent, PlanStatusCount, PlanStatusCountCheck, Refund, Repayment, RepaymentAllocation,
} from '../../entities';
import { assertColumnsNamedAsProperties } from './column-names';
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

/** A table's names for writing a statement: `${p}` is the table, `${p.status}` a column; an unknown column throws. */
export type Names<T> = { readonly [K in Column<T>]: string };

/** Every table's names, for a repository's statements. */
export type TableNames = { readonly [K in TableKey]: Names<EntityOf<K>> };

/** What differs between the drivers in the statements we write. */
export interface Dialect {
  mysql: boolean;
  /** Appended to a SELECT that locks its rows: MySQL only; SQLite has no row locks, its writes are serialized instead. */
  forUpdate: string;
}

/**
 * The tables of one data source (the primary, or a read replica), built from its entity metadata
 * when it opens. Building them is the start-up check of our SQL against the entities: every column
 * is named as its property (rows are read as entities), and every statement of a repository is built
 * here once, from these names, so one naming a column the entity does not have stops the start.
 */
export class Tables implements Dialect {
  readonly mysql: boolean;
  readonly forUpdate: string;
  readonly names: TableNames;
  private readonly byEntity = new Map<Function, Table<ObjectLiteral>>();
  private readonly built = new Map<(names: TableNames, dialect: Dialect) => unknown, unknown>();

  constructor(dataSource: DataSource) {
    assertColumnsNamedAsProperties(dataSource);
    this.mysql = dataSource.driver.options.type === 'mysql';
    this.forUpdate = this.mysql ? ' FOR UPDATE' : '';
    for (const metadata of dataSource.entityMetadatas) {
      this.byEntity.set(metadata.target as Function, new Table(metadata, dataSource.driver));
    }
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
   * A repository's statements, built from the names once per data source and kept: the repositories
   * of the data source are created when it opens, so a statement naming what the entities lack
   * fails the start.
   */
  statements<S>(build: (names: TableNames, dialect: Dialect) => S): S {
    let built = this.built.get(build) as S | undefined;
    if (built === undefined) this.built.set(build, (built = build(this.names, this)));
    return built;
  }
}

/**
 * A table's names as an object for template literals. A proxy, because it must refuse what the
 * entity does not store; it is read only while statements are built, never on a request's path.
 */
function namesOf<T extends ObjectLiteral>(table: Table<T>): Names<T> {
  return new Proxy({}, {
    get(_target, property) {
      if (property === Symbol.toPrimitive || property === 'toString') return () => table.name;
      if (typeof property !== 'string') return undefined;
      return table.column(property as Column<T>);
    },
  }) as Names<T>;
}
