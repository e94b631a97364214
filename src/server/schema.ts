import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';
import { callFieldResolversDirectly, readGettersAsProperties } from './schema-fast-paths';

/**
 * validate: true makes type-graphql run class-validator on inputs (off by default in 2.0). No global
 * middlewares: they run on every field and cost several times the resolution itself.
 */
export async function buildTenorSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
  readGettersAsProperties(schema);
  callFieldResolversDirectly(schema, RESOLVERS);
  return schema;
}
