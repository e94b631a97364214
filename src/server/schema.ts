import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';

/**
 * validate: true makes type-graphql run class-validator on inputs (off by default in 2.0). No global
 * middlewares: they run on every field and cost several times the resolution itself.
 */
export function buildTenorSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
}
