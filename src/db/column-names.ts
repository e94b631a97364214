import type { EntityMetadata } from 'typeorm';

/**
 * The repositories select `*` and use the driver's row objects as entities (Table.hydrate): that
 * holds only while every column is stored under its property's name.
 * Checked once when the database opens, so an entity declaring `@Column({ name: … })` fails at
 * start-up naming the column instead of reading `undefined` at run time. Relation properties are not
 * columns of their own here: each is declared over an existing column with @JoinColumn.
 */
export function assertColumnsNamedAsProperties(metadatas: readonly EntityMetadata[]): void {
  for (const metadata of metadatas) {
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    for (const column of metadata.columns) {
      if (relations.has(column.propertyName) || column.databaseName === column.propertyName) continue;
      throw new Error(
        `${metadata.name}.${column.propertyName} is stored in column "${column.databaseName}"; `
        + 'the repositories read rows as entities (src/db/table.ts) and need every column named as its property',
      );
    }
  }
}
