import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node.interface';
import { DateTimeScalar } from '../common/scalars';
import { toGlobalId } from '../common/global-id';
import type { Partner as PartnerRow } from '../../entities';

export enum Role {
  PARTNER = 'PARTNER',
  ANALYST = 'ANALYST',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What an API key may do.' });

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An enterprise partner: an e-commerce platform or retailer with merchants.' })
export class Partner extends Node {
  id!: string;
  @Field() name!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(row: PartnerRow): Partner {
    return Object.assign(new Partner(), { id: toGlobalId('Partner', row.id), name: row.name, createdAt: row.createdAt });
  }
}

@ObjectType({ simpleResolvers: true, description: 'The caller, as identified by its API key.' })
export class Viewer {
  @Field(() => Role) role!: Role;
}
