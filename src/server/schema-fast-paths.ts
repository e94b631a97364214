import { getNamedType, GraphQLFieldResolver, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Two ways type-graphql spends more per field than the field costs, undone after the schema is built.
 * Both keep what the resolvers receive and return exactly as before; test/api/schema-resolvers.test.ts
 * pins which fields take which path.
 */

/**
 * type-graphql treats every `@Field` on a getter as a field resolver (a method could take
 * arguments), so each installment's `amountDue` went through type-graphql's resolver wrapper and,
 * in graphql-jit, through a deferred call with its own resolve info, closures and path objects: for
 * the ~6,500 leaves of a nested read that was most of the allocation. A getter without arguments,
 * middlewares or roles is just a property: without a resolver, graphql-js's default resolver and
 * graphql-jit's inlined read (`source[name]`) invoke the very same getter.
 */
export function readGettersAsProperties(schema: GraphQLSchema): void {
  for (const objectType of getMetadataStorage().objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const isGetter = typeof getterOf(objectType.target.prototype, field.name) === 'function';
      const isPlain = !field.params?.length && !field.middlewares?.length && !field.roles?.length;
      const schemaField = fields[field.schemaName];
      if (isGetter && isPlain && schemaField?.resolve) schemaField.resolve = undefined;
    }
  }
}

function getterOf(prototype: object | null, name: string): (() => unknown) | undefined {
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}

type Param =
  | { kind: 'root' | 'context'; index: number; propertyName?: string }
  | { kind: 'args'; index: number; validateSettings?: unknown }
  | { kind: 'arg'; index: number; name: string }
  | { kind: 'info' | 'custom'; index: number };

/**
 * type-graphql calls every `@FieldResolver` through a generic handler that sorts the parameter
 * list, builds a resolver-data object, and passes each argument through conversion and an async
 * validation step (even when validation is off), then awaits them together: for the status,
 * installments and repayments of 100 plans in a nested read that was a tenth of all allocation.
 * Field resolvers without middlewares or roles whose parameters are only `@Root()`, `@Ctx()`,
 * unvalidated `@Args()` and `@Arg()`s of scalar or enum values (nothing to convert or validate) are
 * called directly on the resolver instance instead. Any other field keeps type-graphql's handler.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly Function[]): void {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...params: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || !resolverClasses.includes(resolver.target)) continue;
    if (resolver.middlewares?.length || resolver.roles?.length) continue;
    const objectClass = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    if (!field?.resolve || !field.args.every((arg) => isLeafType(getNamedType(arg.type)))) continue;
    const params = [...((resolver.params ?? []) as Param[])].sort((a, b) => a.index - b.index);
    if (!params.every(isDirectParam)) continue;
    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new (resolver.target as new () => Record<string, never>)()));
    field.resolve = directResolver(instance, resolver.methodName, params);
    directResolvers.add(field.resolve);
  }
}

const isDirectParam = (param: Param): boolean =>
  param.kind === 'root' || param.kind === 'context' || param.kind === 'arg'
  || (param.kind === 'args' && param.validateSettings === false);

const directResolvers = new WeakSet<Function>();

/** Whether a field's resolver is one made by callFieldResolversDirectly (for tests). */
export const isDirectResolver = (resolve: unknown): boolean => typeof resolve === 'function' && directResolvers.has(resolve);

function directResolver(instance: Record<string, (...params: unknown[]) => unknown>, methodName: string, params: Param[]): GraphQLFieldResolver<unknown, unknown> {
  const method = instance[methodName];
  const valueOf = params.map((param): ((root: unknown, args: Record<string, unknown>, context: unknown) => unknown) => {
    switch (param.kind) {
      case 'root': return param.propertyName ? (root) => (root as Record<string, unknown>)[param.propertyName!] : (root) => root;
      case 'context': return param.propertyName ? (_r, _a, context) => (context as Record<string, unknown>)[param.propertyName!] : (_r, _a, context) => context;
      case 'args': return (_r, args) => args;
      case 'arg': return (_r, args) => args[param.name];
      default: throw new Error(`unexpected parameter kind ${param.kind}`);
    }
  });
  // The common shapes without building an argument array per call.
  if (valueOf.length === 2) {
    const [first, second] = valueOf;
    return (root, args, context) => method.call(instance, first(root, args, context), second(root, args, context));
  }
  return (root, args, context) => method.apply(instance, valueOf.map((value) => value(root, args, context)));
}
