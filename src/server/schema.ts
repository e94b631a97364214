import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { validate, ValidationError, ValidatorOptions } from 'class-validator';
import { buildSchema, BuildSchemaOptions, getMetadataStorage, ResolverData } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';
import { BadUserInputError } from '../../resolvers/common/errors';
import { constraintFailures, MutationInputInvalid } from '../../resolvers/common/input-validation';
import { assertFastPathsHold, callFieldResolversDirectly, readGettersAsProperties } from './schema-fast-paths';
import { refuseInvalidMutationInputs } from './mutation-input-refusal';

/** type-graphql's own defaults for argument validation. */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * The one place input constraints (class-validator decorators on the *.input.ts classes) are
 * checked, for every argument of every field. A mutation's broken input becomes userErrors in its
 * payload (MutationInputInvalid, see mutation-input-refusal.ts); any other field's is a top-level
 * BAD_USER_INPUT naming the argument path. Neither carries the submitted value. Scalars were already
 * checked by GraphQL. Called through validateFn because type-graphql re-`require`s class-validator on
 * every call otherwise.
 */
export async function validateInput(value: unknown, argType: unknown, { info }: ResolverData): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = Array.isArray(value) ? value : [value];
  const failures = (await Promise.all(items.map(async (item, index) => {
    if (item === null || typeof item !== 'object') return [];
    const errors: ValidationError[] = await validate(item, VALIDATOR_OPTIONS);
    return constraintFailures(errors, [...argumentPath(info, argType), ...(Array.isArray(value) ? [String(index)] : [])]);
  }))).flat();
  if (failures.length === 0) return;
  if (info.parentType === info.schema.getMutationType()) throw new MutationInputInvalid(failures);
  const [first] = failures;
  throw new BadUserInputError(`${first.field!.join('.')}: ${first.message}`, first.field![0], first.field!);
}

/**
 * Where a validated value sits among the field's arguments. `@Args()` classes hold the arguments
 * themselves (the path starts at the property); an `@Arg()` input is found by its GraphQL type.
 */
function argumentPath(info: GraphQLResolveInfo, argType: unknown): string[] {
  const storage = getMetadataStorage();
  if (storage.argumentTypes.some((t) => t.target === argType)) return [];
  const typeName = storage.inputTypes.find((t) => t.target === argType)?.name;
  const args = info.parentType.getFields()[info.fieldName].args.filter((arg) => getNamedType(arg.type).name === typeName);
  return args.length === 1 ? [args[0].name] : [];
}

export interface TenorSchemaOptions {
  /** The Apollo plugins the schema will be served with; checked against the fast paths. */
  plugins?: readonly ApolloServerPlugin<never>[];
  /**
   * type-graphql options the fast paths cannot honour. Never set in Tenor: they exist so that
   * adding one fails at start-up (and in test/api/schema-fast-paths.test.ts) instead of being
   * skipped silently by the fast paths.
   */
  typeGraphql?: Pick<BuildSchemaOptions, 'globalMiddlewares' | 'container'>;
}

/** No global middlewares: they run on every field and cost several times the resolution itself. */
export async function buildTenorSchema(options: TenorSchemaOptions = {}): Promise<GraphQLSchema> {
  await assertFastPathsHold({ ...options.typeGraphql, plugins: options.plugins ?? [] });
  const schema = await buildSchema({
    resolvers: RESOLVERS, validate: true, validateFn: validateInput, emitSchemaFile: false, ...options.typeGraphql,
  });
  readGettersAsProperties(schema);
  callFieldResolversDirectly(schema, RESOLVERS);
  refuseInvalidMutationInputs(schema);
  return schema;
}
