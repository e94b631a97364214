import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The properties of T stored in a column of their own: relation properties (objects other than Date) are not. */
export type Column<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Date ? K : NonNullable<T[K]> extends object ? never : K
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
 * quoted for the driver, looked up by property (`keyof T`), so a statement can only name a column
 * the entity declares; an unknown property throws naming the entity. Rows are selected with
 * `SELECT *` and used as they arrive as entities (column names are property names, asserted at
 * start-up by assertColumnsNamedAsProperties); `hydrate` converts only the values that did not arrive
 * in their final form, and `persist` converts values exactly as TypeORM would store them.
 */
export class Table<T extends ObjectLiteral> {
  /** The quoted table name. */
  readonly name: string;
  private readonly byProperty = new Map<string, ColumnMetadata>();
  private readonly quoted = new Map<string, string>();
  private readonly converter: { convert: Converter; columns: ColumnMetadata[] };
  private readonly statements = new Map<string, string>();
  private readonly hydrateValue: (value: unknown, column: ColumnMetadata) => unknown;
  /** MySQL's `FORCE INDEX (...)` by the sorted equality columns it serves, for keyset reads (keysetIndexHint). */
  private readonly keysetIndexes = new Map<string, string>();

  constructor(readonly metadata: EntityMetadata, private readonly driver: Driver) {
    this.name = driver.escape(metadata.tableName);
    if (driver.options.type === 'mysql') {
      for (const index of metadata.indices) {
        const properties = index.columns.map((column) => column.propertyName);
        if (properties.length < 2 || properties[properties.length - 1] !== 'id') continue;
        this.keysetIndexes.set(properties.slice(0, -1).sort().join(','), ` FORCE INDEX (${driver.escape(index.name)})`);
      }
    }
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    const columns = metadata.columns.filter((column) => !relations.has(column.propertyName));
    for (const column of columns) {
      this.byProperty.set(column.propertyName, column);
      this.quoted.set(column.propertyName, driver.escape(column.databaseName));
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
   * Why: on a merchant with a million plans MariaDB 10.11 plans `merchantId = ? AND id < ?` as a ref
   * on (merchantId, id) with the id bound pushed down, walking every entry up to the cursor (500,104
   * for one page, 5-7 s), and once chose an index_merge for a status count (228 ms instead of 8). The
   * (filters, id) index answers both in one range scan of the page or the cap (docs/scaling.md).
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

  /** The columns of `properties`, for converting many rows' values. */
  columnsOf(properties: readonly string[]): ColumnMetadata[] {
    return properties.map((property) => this.byProperty.get(property) ?? this.fail(property));
  }

  /** Values of one row in the order of `columns`, as TypeORM would store them. */
  valuesOf(columns: readonly ColumnMetadata[], row: ObjectLiteral): unknown[] {
    return columns.map((column) => this.driver.preparePersistentValue(row[column.propertyName], column));
  }

  /** A statement built once per shape (`key`) and kept: the hot paths pay for its text once. */
  statement(key: string, build: () => string): string {
    let sql = this.statements.get(key);
    if (sql === undefined) this.statements.set(key, (sql = build()));
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
