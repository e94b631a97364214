import { GraphQLSchema, isObjectType } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';

/**
 * validate: true makes type-graphql run class-validator on inputs (off by default in 2.0). No global
 * middlewares: they run on every field and cost several times the resolution itself.
 */
export async function buildTenorSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
  readGettersAsProperties(schema);
  return schema;
}

/**
 * type-graphql treats every `@Field` on a getter as a field resolver (a method could take
 * arguments), so each installment's `amountDue` went through type-graphql's resolver wrapper and,
 * in graphql-jit, through a deferred call with its own resolve info, closures and path objects: for
 * the ~6,500 leaves of a nested read that was most of the allocation. A getter without arguments,
 * middlewares or roles is just a property: without a resolver, graphql-js's default resolver and
 * graphql-jit's inlined read (`source[name]`) invoke the very same getter.
 */
export function readGettersAsProperties(schema: GraphQLSchema): number {
  let plain = 0;
  for (const objectType of getMetadataStorage().objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const isGetter = typeof getterOf(objectType.target.prototype, field.name) === 'function';
      const isPlain = !field.params?.length && !field.middlewares?.length && !field.roles?.length;
      const schemaField = fields[field.schemaName];
      if (isGetter && isPlain && schemaField?.resolve) {
        schemaField.resolve = undefined;
        plain++;
      }
    }
  }
  return plain;
}

function getterOf(prototype: object | null, name: string): (() => unknown) | undefined {
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}
