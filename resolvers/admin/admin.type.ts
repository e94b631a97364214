import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.interface';
import { DateTimeScalar } from '../common/scalars';
import { toGlobalId } from '../common/global-id';
import { UserError } from '../common/user-error.type';
import { FinancingProgram, Merchant } from '../merchant/merchant.type';
import { Partner, Role } from '../viewer/viewer.type';
import type { ApiKey as ApiKeyRow } from '../../entities';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An API key. The key itself is shown once, when issued.' })
export class ApiKey extends Node {
  id!: string;
  @Field() name!: string;
  @Field(() => Role) role!: Role;
  @Field({ description: 'The first characters of the key, to tell keys apart.' }) displayPrefix!: string;
  @Field(() => String, { nullable: true }) partnerId!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: Date | null;

  static from(row: ApiKeyRow): ApiKey {
    return Object.assign(new ApiKey(), {
      id: toGlobalId('ApiKey', row.id), name: row.name, role: row.role as Role, displayPrefix: row.displayPrefix,
      partnerId: row.partnerId === null ? null : toGlobalId('Partner', row.partnerId), createdAt: row.createdAt, revokedAt: row.revokedAt,
    });
  }
}

@ObjectType({ simpleResolvers: true })
export class CreatePartnerPayload {
  @Field(() => Partner, { nullable: true }) partner!: Partner | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CreateMerchantPayload {
  @Field(() => Merchant, { nullable: true }) merchant!: Merchant | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class FinancingProgramPayload {
  @Field(() => FinancingProgram, { nullable: true }) program!: FinancingProgram | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CreateFinancingProgramPayload extends FinancingProgramPayload {}

@ObjectType({ simpleResolvers: true })
export class RetireFinancingProgramPayload extends FinancingProgramPayload {}

@ObjectType({ simpleResolvers: true })
export class IssueApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey!: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The key itself: shown in this response only, never again (null on a replay).' })
  plainKey!: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey!: ApiKey | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
