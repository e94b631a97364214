import { GraphQLSchema } from 'graphql';
import { validateOrReject, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';
import { callFieldResolversDirectly, readGettersAsProperties } from './schema-fast-paths';

/** type-graphql's own defaults for argument validation. */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * Inputs are validated with class-validator exactly as type-graphql's `validate: true` does (input
 * objects only; scalars were already checked by GraphQL), through this function because type-graphql
 * re-`require`s class-validator on every call otherwise.
 */
async function validateInput(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    const objects = Array.isArray(value) ? value.filter((item) => item !== null && typeof item === 'object') : [value];
    await Promise.all(objects.map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
}

/** No global middlewares: they run on every field and cost several times the resolution itself. */
export async function buildTenorSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: true, validateFn: validateInput, emitSchemaFile: false });
  readGettersAsProperties(schema);
  callFieldResolversDirectly(schema, RESOLVERS);
  return schema;
}
