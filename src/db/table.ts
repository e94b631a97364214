import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Dialect } from './sql/dialect';

/**
 * The properties of T stored in a column of their own: relation properties (objects other than Date)
 * are not; a branded primitive (an amount typed Minor, a number) is.
 */
export type Column<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Date | string | number | boolean | bigint ? K : NonNullable<T[K]> extends object ? never : K
}[keyof T & string];

/** A row to insert: every column but the generated id (a version column is given, starting at 1). */
export type NewRow<T> = Omit<Pick<T, Column<T>>, 'id'>;

/**
 * Equality conditions by column. Absent and null both mean "no condition": GraphQL hands a resolver
 * null for an optional argument sent as null (`plans(status: null)`), which is the client asking for
 * no filter, and a null partner scope is every partner.
 */
export type Where<T> = Partial<Record<Column<T>, string | number | Date | null | undefined>>;

/** Changes to a row, by property. */
export type Changes<T> = Partial<Pick<T, Column<T>>>;

type Converter = (row: Record<string, unknown>, hydrate: (value: unknown, column: ColumnMetadata) => unknown, columns: ColumnMetadata[]) => void;

/**
 * One entity's table as our SQL sees it: its name and its columns' names from the entity metadata,
 * quoted by the dialect, looked up by property (`keyof T`), so a statement can only name a column
 * the entity declares; an unknown property throws naming the entity. Rows are selected with
 * `SELECT *` and used as they arrive as entities (column names are property names, asserted at
 * start-up by assertColumnsNamedAsProperties); `hydrate` converts only the values that did not arrive
 * in their final form, and `persist` converts values exactly as TypeORM's driver would store them.
 */
export class Table<T extends ObjectLiteral> {
  /** The quoted table name. */
  readonly name: string;
  private readonly byProperty = new Map<string, ColumnMetadata>();
  private readonly quoted = new Map<string, string>();
  private readonly converter: { convert: Converter; columns: ColumnMetadata[] };
  private readonly shaped = new Map<string, string>();
  private readonly hydrateValue: (value: unknown, column: ColumnMetadata) => unknown;
  /** MySQL's `FORCE INDEX (...)` by the sorted equality columns it serves, for keyset reads (keysetIndexHint). */
  private readonly keysetIndexes = new Map<string, string>();

  constructor(readonly metadata: EntityMetadata, private readonly driver: Driver, dialect: Dialect) {
    this.name = dialect.quote(metadata.tableName);
    for (const index of metadata.indices) {
      const properties = index.columns.map((column) => column.propertyName);
      const hint = dialect.forceIndex(dialect.quote(index.name));
      if (properties.length < 2 || properties[properties.length - 1] !== 'id' || !hint) continue;
      this.keysetIndexes.set(properties.slice(0, -1).sort().join(','), hint);
    }
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    const columns = metadata.columns.filter((column) => !relations.has(column.propertyName));
    for (const column of columns) {
      this.byProperty.set(column.propertyName, column);
      this.quoted.set(column.propertyName, dialect.quote(column.databaseName));
    }
    this.converter = { convert: compileConverter(columns), columns };
    this.hydrateValue = (value, column) => driver.prepareHydratedValue(value, column);
  }

  /** The quoted name of a column, by property; throws for anything the entity does not store. */
  column(property: Column<T>): string {
    const name = this.quoted.get(property);
    if (name === undefined) throw new Error(`${this.metadata.name} has no column ${String(property)}`);
    return name;
  }

  /** The table name, so a statement reads `SELECT * FROM ${table}`. */
  toString(): string {
    return this.name;
  }

  /**
   * ` FORCE INDEX (<name>)` for a read with equality conditions on `properties` ordered or bounded
   * by id, when an index is exactly (those properties in any order, id); '' otherwise and on SQLite.
   * Why: on a million-plan merchant MariaDB plans `merchantId = ? AND id < ?` as a ref on
   * (merchantId, id) that walks every entry up to the cursor, and once chose an index_merge for a
   * status count; the (filters, id) index answers both in one range scan (docs/scaling.md, docs/performance.md step 21).
   */
  keysetIndexHint(properties: readonly string[]): string {
    return this.keysetIndexes.get([...properties].sort().join(',')) ?? '';
  }

  /** Rows of `SELECT *` as entities: converted in place where the driver's value is not final yet. */
  hydrate(rows: Record<string, unknown>[]): T[] {
    const { convert, columns } = this.converter;
    for (const row of rows) convert(row, this.hydrateValue, columns);
    return rows as T[];
  }

  /** A value as the column stores it (transformers, Date to the driver's datetime), for a parameter. */
  persist(property: Column<T>, value: unknown): unknown {
    const column = this.byProperty.get(property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${String(property)}`);
    return this.driver.preparePersistentValue(value, column);
  }

  /**
   * The columns of `properties` in the order the entity declares them, whatever order the caller's
   * object has: a statement written from them reads the same for every caller (and as committed in
   * src/db/queries/).
   */
  columnsOf(properties: readonly string[]): ColumnMetadata[] {
    const columns = properties.map((property) => this.byProperty.get(property) ?? this.fail(property));
    return columns.sort((x, y) => this.converter.columns.indexOf(x) - this.converter.columns.indexOf(y));
  }

  /** Values of one row in the order of `columns`, as TypeORM would store them. */
  valuesOf(columns: readonly ColumnMetadata[], row: ObjectLiteral): unknown[] {
    return columns.map((column) => this.driver.preparePersistentValue(row[column.propertyName], column));
  }

  /**
   * A statement of the generic reads (EntityReads) for one shape of its call on this table (`key`:
   * the list's length, the filters present, the direction…), built the first time and kept.
   */
  statement(key: string, build: () => string): string {
    let sql = this.shaped.get(key);
    if (sql === undefined) this.shaped.set(key, (sql = build()));
    return sql;
  }

  private fail(property: string): never {
    throw new Error(`${this.metadata.name} has no column ${property}`);
  }
}

/**
 * The check of each column's value compiled once per entity (one row shape, monomorphic reads):
 * mysql2 hands over ints, BIGINT money as numbers, DATE as strings and DATETIME as Date;
 * better-sqlite3 hands datetimes over as text. Names come from entity metadata, never from input.
 */
function compileConverter(columns: ColumnMetadata[]): Converter {
  const checks = columns.map((column, i) => {
    const value = `row[${JSON.stringify(column.propertyName)}]`;
    const isFinal = finalValueCheck(column, value);
    return isFinal === 'always' ? '' : `if (!(${isFinal})) ${value} = hydrate(${value}, columns[${i}]);`;
  });
  return new Function('row', 'hydrate', 'columns', checks.filter(Boolean).join('\n')) as Converter;
}

/** A JavaScript condition that is true when the column's value needs no conversion. */
function finalValueCheck(column: ColumnMetadata, value: string): string {
  const type = String(column.type);
  // Ids and foreign keys are declared without a type (`Number`); both drivers hand ints over as numbers.
  if (!column.transformer && (type === 'varchar' || type === 'text')) return 'always';
  if (!column.transformer && (type === 'int' || column.type === Number)) return `typeof ${value} === 'number' || ${value} === null`;
  if (type === 'bigint') return `Number.isSafeInteger(${value})`; // money: anything else goes through the transformer, which refuses it
  if (type === 'date') return `typeof ${value} === 'string' || ${value} === null`;
  if (type === 'datetime') return `${value} instanceof Date || ${value} === null`;
  return 'false';
}
