import type { GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { asGraphQLJsErrors } from './errors/jit-errors';

/** Compiled operations kept per process by default; partners send a small set of operations over and over. */
export const DEFAULT_MAX_COMPILED_OPERATIONS = 1000;

export interface JitGateway extends GatewayInterface {
  /** The compiled-operation cache, for tests that watch what it keeps. */
  readonly compiled: LRUCache<string, CompiledQuery>;
}

/**
 * Apollo resolves the operation before execution and leaves it undefined when the document holds
 * several and no operationName was given, or none by that name. graphql-js's executor would report
 * that; this one must, as an error Apollo turns into OPERATION_RESOLUTION_FAILURE (HTTP 400). The
 * messages are graphql-js's own.
 */
function operationNotFound(operationName: string | undefined): GraphQLError {
  return new GraphQLError(operationName
    ? `Unknown operation named "${operationName}".`
    : 'Must provide operation name if query contains multiple operations.');
}

/**
 * Executes operations with graphql-jit instead of graphql-js. Apollo parses and validates as usual
 * (and caches both); this replaces only the execution, which on large nested reads was most of the
 * CPU: graphql-js interprets the selection for every one of thousands of fields, graphql-jit compiles
 * each operation once into a function. Apollo Server 5 exposes its executor only through the gateway
 * interface, hence the shape of this object.
 */
export function jitGateway(schema: GraphQLSchema, maxCompiledOperations = DEFAULT_MAX_COMPILED_OPERATIONS): JitGateway {
  // Least recently used first out: a burst of one-off documents (the Sandbox, a fuzzer) evicts only
  // itself and never the hot operations partners run all day.
  const compiled = new LRUCache<string, CompiledQuery>({ max: maxCompiledOperations });
  let notify: GatewaySchemaLoadOrUpdateCallback | null = null;
  return {
    compiled,
    onSchemaLoadOrUpdate(callback) {
      notify = callback;
      return () => {
        notify = null;
      };
    },
    async load() {
      notify?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return {
        schema,
        executor: async (request) => {
          if (!request.operation) return { errors: [operationNotFound(request.request.operationName ?? undefined)] };
          // Variables are coerced by graphql-js first: its errors are the ones Apollo recognises as
          // BAD_USER_INPUT (HTTP 400), naming the variable; graphql-jit's own lack that detail.
          const variables = request.request.variables ?? {};
          const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
          if (coerced.errors) return { errors: coerced.errors };
          const key = `${request.queryHash}:${request.operationName ?? ''}`;
          let query = compiled.get(key);
          if (!query) {
            // Our resolvers already return leaf values in their final form (strings for Decimal and
            // Date, enum names, numbers): re-serializing each of thousands of leaves is pure cost.
            const result = compileQuery(schema, request.document, request.operationName ?? undefined, { disableLeafSerialization: true });
            if (!isCompiledQuery(result)) return result;
            compiled.set(key, (query = result));
          }
          const result = await query.query(undefined, request.context, variables);
          return result.errors ? { ...result, errors: asGraphQLJsErrors(result.errors) } : result;
        },
      };
    },
    async stop() {},
  };
}
