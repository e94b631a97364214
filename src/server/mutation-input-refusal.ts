import { getNullableType, GraphQLObjectType, GraphQLSchema, isNonNullType } from 'graphql';
import { MutationInputInvalid } from '../../resolvers/common/input-validation';
import { toUserErrors } from '../../resolvers/common/user-error.type';

/**
 * A mutation whose input breaks a constraint answers like any other refused mutation: a payload
 * with every result field null and the failures in `userErrors` (HTTP 200), not a top-level error.
 * The resolver never ran, so nothing was written and no idempotency record exists: the client may
 * correct the input and reuse its key.
 *
 * Checked at start-up: every mutation's payload has `userErrors` and nothing else non-null, or the
 * payload could not be built without the resolver.
 */
export function refuseInvalidMutationInputs(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const payload = getNullableType(field.type);
    const fields = payload instanceof GraphQLObjectType ? Object.values(payload.getFields()) : [];
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    if (!fields.some((f) => f.name === 'userErrors') || required.some((name) => name !== 'userErrors')) {
      throw new Error(`Mutation ${field.name} must return a payload whose only non-null field is userErrors (has: ${required.join(', ')})`);
    }
    const resolve = field.resolve!;
    field.resolve = async (root, args, context, info) => {
      try {
        return await resolve(root, args, context, info);
      } catch (error) {
        if (error instanceof MutationInputInvalid) return { userErrors: toUserErrors(error.userErrors) };
        throw error;
      }
    };
  }
}
