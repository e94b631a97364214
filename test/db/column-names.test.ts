import 'reflect-metadata';
import { Column, DataSource, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ALL_ENTITIES } from '../../entities';
import { assertColumnsNamedAsProperties } from '../../src/db/column-names';

@Entity('renamed_columns')
class RenamedColumn {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', name: 'other' }) label!: string;
}

@Entity('same_names')
class SameNames {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) parentId!: number;
  @ManyToOne(() => SameNames) @JoinColumn({ name: 'parentId' }) readonly parentRef?: SameNames;
}

async function withDataSource(entities: Function[], check: (ds: DataSource) => void): Promise<void> {
  const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities });
  await ds.initialize();
  try {
    check(ds);
  } finally {
    await ds.destroy();
  }
}

describe(assertColumnsNamedAsProperties.name, () => {
  it('names the entity, property and database column of a renamed column', async () => {
    await withDataSource([RenamedColumn], (ds) => {
      expect(() => assertColumnsNamedAsProperties(ds.entityMetadatas)).toThrow('RenamedColumn.label is stored in column "other"');
    });
  });

  it('accepts a relation declared over a column of the same name', async () => {
    await withDataSource([SameNames], (ds) => expect(() => assertColumnsNamedAsProperties(ds.entityMetadatas)).not.toThrow());
  });

  it('accepts every entity of the product', async () => {
    await withDataSource(ALL_ENTITIES, (ds) => expect(() => assertColumnsNamedAsProperties(ds.entityMetadatas)).not.toThrow());
  });
});
