import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { USER_ERROR_CODES, type UserErrorCode as DomainUserErrorCode } from '../../src/errors/user-error-codes';
import type { UserErrorValue } from '../../src/services/lifecycle/user-error';
import { graphqlEnum } from './graphql-enum';

export const UserErrorCode = graphqlEnum(USER_ERROR_CODES);
export type UserErrorCode = DomainUserErrorCode;
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation was refused or what its business outcome was.' });

@ObjectType({ simpleResolvers: true, description: 'A problem with a mutation\'s input or a business outcome (e.g. a declined application).' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "amount", "amount"].' })
  field!: string[] | null;

  @Field() message!: string;
  @Field(() => UserErrorCode) code!: UserErrorCode;
}

/** The payload's userErrors: every code is one of the enum's by its type (USER_ERROR_CODES). */
export const toUserErrors = (errors: readonly UserErrorValue[]): UserError[] =>
  errors.map((e) => ({ field: e.field, message: e.message, code: e.code }));
