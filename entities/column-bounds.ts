import { getMetadataArgsStorage } from 'typeorm';

/** The types whose `length` is a count of characters (what MariaDB's "Data too long" measures). */
const CHARACTER_TYPES = new Set(['varchar', 'char', 'nvarchar', 'character varying']);

type Entity = abstract new (...args: never[]) => unknown;

let lengths: Map<Entity, Map<string, number>> | undefined;

/**
 * Every character column's length, by entity and property, read from the entities' own `@Column`
 * declarations (TypeORM's metadata, from which the migrations were generated). Built once, on first
 * use: the decorators have run by then, since the caller holds the entity class.
 */
function table(): Map<Entity, Map<string, number>> {
  if (lengths) return lengths;
  lengths = new Map();
  for (const column of getMetadataArgsStorage().columns) {
    const { type, length } = column.options;
    if (typeof type !== 'string' || !CHARACTER_TYPES.has(type) || length === undefined) continue;
    const byProperty = lengths.get(column.target as Entity) ?? new Map<string, number>();
    byProperty.set(column.propertyName, Number(length));
    lengths.set(column.target as Entity, byProperty);
  }
  return lengths;
}

/**
 * The length of a character column in characters of its charset: Unicode code points on MariaDB's
 * utf8mb4 (an emoji is one, though two UTF-16 units in JavaScript). SQLite enforces no length, so
 * this, not the database, is what keeps both drivers storing the same values. A property that is
 * not a character column with a length throws at once: a bound naming the wrong column must stop
 * the start, not let every value through.
 */
export function characterColumnLength<T>(entity: abstract new (...args: never[]) => T, property: keyof T & string): number {
  const length = table().get(entity)?.get(property);
  if (length === undefined || !Number.isSafeInteger(length) || length <= 0) {
    throw new Error(`${entity.name}.${property} is not a character column with a length`);
  }
  return length;
}
