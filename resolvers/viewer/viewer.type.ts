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

@ObjectType({ implements: Node, description: 'An enterprise partner: an e-commerce platform or retailer with merchants.' })
export class Partner extends Node {
  @Field() name!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(row: PartnerRow): Partner {
    return Object.assign(new Partner(), { id: toGlobalId('Partner', row.id), name: row.name, createdAt: row.createdAt });
  }
}

@ObjectType({ description: 'The caller, as identified by its API key.' })
export class Viewer {
  @Field(() => Role) role!: Role;
  @Field(() => Partner, { nullable: true, description: 'The partner of a PARTNER key; null for analysts and admins.' })
  partner!: Partner | null;
}
