import type { DataSource } from 'typeorm';

/**
 * plain-rows.ts selects `e.*` and uses the driver's row objects as entities, and our own SQL names
 * columns by property name: both hold only while every column is stored under its property's name.
 * Checked once when the data source opens, so an entity declaring `@Column({ name: … })` fails at
 * start-up naming the column instead of reading `undefined` at run time. Relation properties are not
 * columns of their own here: each is declared over an existing column with @JoinColumn.
 */
export function assertColumnsNamedAsProperties(dataSource: DataSource): void {
  for (const metadata of dataSource.entityMetadatas) {
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    for (const column of metadata.columns) {
      if (relations.has(column.propertyName) || column.databaseName === column.propertyName) continue;
      throw new Error(
        `${metadata.name}.${column.propertyName} is stored in column "${column.databaseName}"; `
        + 'src/db/plain-rows.ts reads rows as entities and needs every column named as its property',
      );
    }
  }
}
