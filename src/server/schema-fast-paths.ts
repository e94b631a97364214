import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestContextExecutionDidStart } from '@apollo/server';
import { getNamedType, GraphQLFieldResolver, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { BuildSchemaOptions, getMetadataStorage } from 'type-graphql';

/**
 * Two ways type-graphql spends more per field than the field costs, undone after the schema is built.
 * Both keep what the resolvers receive and return exactly as before; test/api/schema-resolvers.test.ts
 * pins which fields take which path.
 */

/** A contract the fast paths rely on was broken; names the fast path and what to do. */
export class FastPathError extends Error {}

/**
 * Both fast paths replace field resolvers after the schema is built, so anything that works by wrapping
 * those resolvers would be bypassed without a sound: type-graphql's global middlewares (they live in
 * its handler, which the direct path skips), a DI container (the direct path makes its own resolver
 * instances), and any Apollo plugin with `willResolveField` (Apollo then wraps every field of the
 * shared schema on its first request, undoing the getter path, while operations graphql-jit compiled
 * earlier keep the unwrapped resolvers). Each is refused here, before anything is served.
 */
export async function assertFastPathsHold(options: Pick<BuildSchemaOptions, 'globalMiddlewares' | 'container'> & { plugins: readonly ApolloServerPlugin<never>[] }): Promise<void> {
  if (options.globalMiddlewares?.length) {
    throw new FastPathError('globalMiddlewares are set, but callFieldResolversDirectly (src/server/schema-fast-paths.ts) calls field resolvers without type-graphql\'s handler, so they would not run: use field middlewares, or remove that fast path');
  }
  if (options.container) {
    throw new FastPathError('a type-graphql container is set, but callFieldResolversDirectly (src/server/schema-fast-paths.ts) creates resolver instances itself, so the container\'s would not be used: remove the container, or that fast path');
  }
  for (const plugin of options.plugins) {
    if (await instrumentsFields(plugin)) {
      throw new FastPathError('an Apollo plugin implements willResolveField, which would wrap every field of the schema and undo readGettersAsProperties and callFieldResolversDirectly (src/server/schema-fast-paths.ts) for operations compiled afterwards only: trace per operation instead (willSendResponse), or remove the fast paths');
    }
  }
}

/**
 * Whether a plugin would hook field resolution: its request and execution listeners are asked for
 * once with a probe request of an analyst (listeners are plain objects; Tenor's plugins read the
 * viewer when a request starts and do their work in the hooks).
 */
async function instrumentsFields(plugin: ApolloServerPlugin<never>): Promise<boolean> {
  const contextValue = { viewer: { role: 'ANALYST', apiKeyId: 0, partnerId: null }, requestId: 'fast-path-probe', report: { requestId: 'fast-path-probe' } };
  const probe = { request: {}, contextValue, metrics: {} } as unknown as GraphQLRequestContext<never>;
  const listener = await plugin.requestDidStart?.(probe);
  const execution = await listener?.executionDidStart?.(probe as GraphQLRequestContextExecutionDidStart<never>);
  return typeof execution?.willResolveField === 'function';
}

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
